import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));

function newest(dir: string): number {
  let t = 0;
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    const p = join(dir, e.name);
    t = Math.max(t, e.isDirectory() ? newest(p) : statSync(p).mtimeMs);
  }
  return t;
}

/** `npm start` builds the web bundle only when it is missing or older than its sources. */
export async function ensureWebBuilt(): Promise<void> {
  const index = join(ROOT, 'dist/web/index.html');
  if (existsSync(index) && statSync(index).mtimeMs >= newest(join(ROOT, 'web'))) return;
  console.log('正在构建前端 / Building the web app…');
  const r = spawnSync(join(ROOT, 'node_modules/.bin/vite'), ['build', '--logLevel', 'warn'], { cwd: ROOT, stdio: 'inherit' });
  if (r.status !== 0) throw new Error('web build failed');
}
