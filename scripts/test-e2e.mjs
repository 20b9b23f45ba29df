// `npm run test:e2e`: build the web app, start the real server on a throw-away embedded database
// with the demo city (a tenth of its volume: the report's figures are asserted by the unit suite), run the browser tests in headless Chromium, stop the server.
import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const build = spawnSync('node_modules/.bin/vite', ['build', '--logLevel', 'warn'], { stdio: 'inherit' });
if (build.status !== 0) process.exit(build.status ?? 1);

const dataDir = mkdtempSync(join(tmpdir(), 'fazhi-e2e-'));
const port = String(4300 + (process.pid % 500));
const server = spawn('node', ['bin/fazhi.mjs', 'serve'], {
  env: { ...process.env, FAZHI_DATA_DIR: dataDir, PORT: port, HOST: '127.0.0.1', FAZHI_PORTAL_RATE: '1000', DATABASE_URL: '', FAZHI_DEMO_VOLUME: 'small' },
  stdio: ['ignore', 'pipe', 'inherit'],
});
let out = '';
server.stdout.on('data', (d) => {
  out += d;
  process.stdout.write(d);
});

const base = `http://127.0.0.1:${port}`;
const deadline = Date.now() + 240_000;
let up = false;
while (Date.now() < deadline) {
  try {
    const r = await fetch(`${base}/api/v1/health`);
    if (r.ok) {
      up = true;
      break;
    }
  } catch {}
  if (server.exitCode !== null) break;
  await new Promise((r) => setTimeout(r, 500));
}
let status = 1;
if (!up) {
  console.error('server did not start', out.slice(-2000));
} else {
  const r = spawnSync('node_modules/.bin/vitest', ['run', '--config', 'vitest.e2e.config.ts', ...process.argv.slice(2)], {
    stdio: 'inherit',
    env: { ...process.env, E2E_BASE_URL: base },
  });
  status = r.status ?? 1;
}
server.kill('SIGTERM');
await new Promise((r) => setTimeout(r, 500));
rmSync(dataDir, { recursive: true, force: true });
process.exit(status);
