import cookie from '@fastify/cookie';
import helmet from '@fastify/helmet';
import multipart from '@fastify/multipart';
import rateLimit from '@fastify/rate-limit';
import Fastify, { type FastifyInstance, type FastifyRequest } from 'fastify';
import type { Actor } from '../identity/types.js';
import type { Kernel } from '../kernel.js';
import { Problem, problems } from './problem.js';

declare module 'fastify' {
  interface FastifyRequest {
    actor?: Actor;
  }
}

export type App = FastifyInstance;

/** What a user with a generated password may still do: see who they are, change it, log out. */
const PASSWORD_CHANGE_ROUTES = /^\/api\/v1\/auth\/(me|password|logout)(\?|$)/;

/** A route file: one area's endpoints. Each use case lives in its own file beside it. */
export type RouteRegistrar = (app: App, k: Kernel) => void | Promise<void>;

export interface BuildOptions {
  logger?: boolean;
  /** Resolves the session cookie to an actor (identity module). */
  resolveActor: (k: Kernel, req: FastifyRequest) => Promise<Actor | undefined>;
  routes: RouteRegistrar[];
}

export async function buildApp(k: Kernel, opts: BuildOptions): Promise<App> {
  const app = Fastify({
    logger: opts.logger ?? false,
    bodyLimit: k.config.maxBodyBytes,
    trustProxy: true,
  });
  app.decorate('kernel', k);
  // Route schemas are documentation (kernel/http/doc.ts); handlers validate with parseInput.
  app.setValidatorCompiler(() => () => true);
  await app.register(cookie);
  await app.register(helmet, {
    contentSecurityPolicy: {
      directives: {
        defaultSrc: ["'self'"],
        scriptSrc: ["'self'"],
        styleSrc: ["'self'", "'unsafe-inline'"], // antd injects CSS-in-JS at run time
        imgSrc: ["'self'", 'data:', 'blob:'],
        upgradeInsecureRequests: null,
      },
    },
  });
  await app.register(rateLimit, { global: false });
  await app.register(multipart, { limits: { fileSize: k.config.maxUploadBytes, files: 10 } });

  app.addHook('onRequest', async (req) => {
    req.actor = await opts.resolveActor(k, req);
    if (req.actor?.mustChangePassword && req.url.startsWith('/api/') && !PASSWORD_CHANGE_ROUTES.test(req.url))
      throw new Problem(403, 'password-change-required', '请先修改初始密码', 'Change your initial password first');
  });

  app.setErrorHandler((err: unknown, req, reply) => {
    const p = toProblem(err, k);
    if (p.status >= 500) req.log.error(err);
    reply.status(p.status).type('application/problem+json').send(p.toBody());
  });
  app.setNotFoundHandler((_req, reply) => {
    const p = problems.notFound('route', '接口');
    reply.status(404).type('application/problem+json').send(p.toBody());
  });

  for (const r of opts.routes) await r(app, k);
  return app;
}

function toProblem(err: unknown, k: Kernel): Problem {
  if (err instanceof Problem) return err;
  const e = err as { statusCode?: number; code?: string; message?: string };
  if (e.code === 'FST_ERR_CTP_BODY_TOO_LARGE' || e.code === 'FST_REQ_FILE_TOO_LARGE' || e.statusCode === 413)
    return problems.tooLarge(e.code === 'FST_REQ_FILE_TOO_LARGE' ? k.config.maxUploadBytes : k.config.maxBodyBytes);
  if (e.code === 'FST_ERR_CTP_INVALID_MEDIA_TYPE' || e.statusCode === 415)
    return new Problem(415, 'unsupported-media-type', '不支持的请求格式', 'Unsupported media type');
  if (e.code === 'FST_ERR_CTP_EMPTY_JSON_BODY' || (e.statusCode === 400 && /JSON/i.test(e.message ?? '')))
    return new Problem(400, 'malformed-json', '请求内容不是有效的 JSON', 'Malformed JSON body', { detailEn: e.message });
  if (e.statusCode === 429)
    return new Problem(429, 'rate-limited', '请求过于频繁，请稍后再试', 'Too many requests; try again later');
  if (e.statusCode && e.statusCode >= 400 && e.statusCode < 500)
    return new Problem(e.statusCode, 'bad-request', '请求无效', e.message ?? 'Bad request');
  return new Problem(500, 'internal', '服务器内部错误', 'Internal server error');
}
