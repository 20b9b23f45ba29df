import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../../src/app.js';
import type { App } from '../../src/kernel/http/app.js';
import type { Kernel } from '../../src/kernel/kernel.js';
import { manifests } from '../../src/modules/index.js';
import { testKernel } from '../support/kernel.js';

let k: Kernel;
let app: App;
beforeAll(async () => {
  k = await testKernel(manifests);
  app = await createApp(k);
});
afterAll(async () => {
  await app.close();
  await k.db.close();
});

describe('the HTTP surface', () => {
  it('serves an OpenAPI 3.1 document that names the routes and documents their inputs', async () => {
    const r = await app.inject({ method: 'GET', url: '/api/openapi.json' });
    expect(r.statusCode).toBe(200);
    const spec = r.json();
    expect(spec.openapi).toBe('3.1.0');
    const action = spec.paths['/api/v1/cases/{id}/actions/{action}'].post;
    expect(action.summary).toContain('办理');
    expect(JSON.stringify(action.requestBody)).toContain('version');
    expect(spec.paths['/api/v1/portal/track'].post.requestBody).toBeTruthy();
    expect(spec.paths['/api/v1/calendar/due']).toBeTruthy();
  });

  it('answers health with the version and the engine, and unknown routes with problem+json', async () => {
    const h = await app.inject({ method: 'GET', url: '/api/v1/health' });
    expect(h.json()).toMatchObject({ status: 'ok', engine: k.db.engine, version: k.version });
    const nf = await app.inject({ method: 'GET', url: '/api/v1/nope' });
    expect(nf.statusCode).toBe(404);
    expect(nf.headers['content-type']).toContain('application/problem+json');
  });

  it('still validates in the handler (schemas are documentation): bilingual field errors', async () => {
    const r = await app.inject({ method: 'POST', url: '/api/v1/portal/track', payload: { trackingCode: 'x', extra: 1 } });
    expect(r.statusCode).toBe(400);
    const paths = r.json().errors.map((e: { path: string }) => e.path).sort();
    expect(paths).toEqual(['contact', 'extra', 'trackingCode']);
  });
});
