import { z } from 'zod';

/**
 * Route documentation for OpenAPI. Input is validated by `parseInput` in each handler (to get
 * bilingual field messages), so these schemas describe the route and are not enforced by fastify:
 * `buildApp` installs a validator compiler that accepts everything.
 */
export function doc(
  tag: string,
  summary: string,
  parts: { body?: z.ZodType; querystring?: z.ZodType; description?: string } = {},
): { schema: Record<string, unknown> } {
  const js = (s: z.ZodType) => {
    const { $schema: _drop, ...rest } = z.toJSONSchema(s, { unrepresentable: 'any', io: 'input' }) as Record<string, unknown>;
    return rest;
  };
  return {
    schema: {
      tags: [tag],
      summary,
      ...(parts.description ? { description: parts.description } : {}),
      ...(parts.body ? { body: js(parts.body) } : {}),
      ...(parts.querystring ? { querystring: js(parts.querystring) } : {}),
    },
  };
}
