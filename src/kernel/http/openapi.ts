import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import type { RouteRegistrar } from './app.js';

/** OpenAPI 3.1 at /api/openapi.json with a docs page at /api/docs. */
export const registerOpenApi: RouteRegistrar = async (app, k) => {
  await app.register(swagger, {
    openapi: {
      openapi: '3.1.0',
      info: { title: 'Fazhi 法治 API', version: k.version, description: 'Errors are application/problem+json (RFC 9457) with zh/en field messages.' },
    },
  });
  await app.register(swaggerUi, { routePrefix: '/api/docs' });
  app.get('/api/openapi.json', { schema: { hide: true } }, async () => app.swagger());
};
