// Dev helper (not a test): screenshot every page as the demo users. tsx e2e/walk.ts [only]
import { BASE, desktop, launch, phone } from './browser.js';

const only = process.argv[2];
const out = process.env.SHOTS ?? '/tmp/shots';
const b = await launch();
const errors: string[] = [];

async function login(user: string) {
  const ctx = await desktop(b);
  const p = await ctx.newPage();
  p.on('pageerror', (e) => errors.push(`${user} ${p.url()} ${e.message}`));
  p.on('console', (m) => m.type() === 'error' && errors.push(`${user} ${p.url()} console: ${m.text()}`));
  await p.goto(`${BASE}/login`);
  await p.getByTestId('login-username').fill(user);
  await p.getByTestId('login-password').fill('Fazhi2021demo');
  await p.getByTestId('login-submit').click();
  await p.waitForURL((u) => !u.pathname.startsWith('/login'));
  return p;
}
async function shot(p: import('playwright-core').Page, name: string, path?: string, full = true) {
  if (only && !name.includes(only)) return;
  if (path) await p.goto(`${BASE}${path}`);
  await p.waitForLoadState('networkidle');
  await p.waitForTimeout(600);
  await p.screenshot({ path: `${out}/${name}.png`, fullPage: full });
  console.log('shot', name);
}

const fuyi = await login('fuyi');
await shot(fuyi, 'todo', '/');
await shot(fuyi, 'list', '/cases');
await shot(fuyi, 'list-recon', '/cases?type=reconsideration&category=closed');
const href = await fuyi.locator('a[href^="/cases/"]').filter({ hasNotText: '新' }).first().getAttribute('href');
console.log('first case', href);
await shot(fuyi, 'case', href ?? '/cases');
const openId = (await (await fuyi.request.get(`${BASE}/api/v1/cases?type=reconsideration&category=open&pageSize=1`)).json()).items[0]?.id;
await shot(fuyi, 'case-open', `/cases/${openId}`);
const act = fuyi.locator('[data-testid^="action-"]').first();
if (await act.count()) {
  await act.click();
  await shot(fuyi, 'case-modal', undefined, false);
  await fuyi.keyboard.press('Escape');
}
await shot(fuyi, 'new-recon', '/cases/new/reconsideration');
await shot(fuyi, 'import', '/import');
const ys = await login('yingsu');
await shot(ys, 'new-lit', '/cases/new/litigation');
const lid = (await (await ys.request.get(`${BASE}/api/v1/cases?type=litigation&pageSize=1`)).json()).items[0]?.id;
await shot(ys, 'case-lit', `/cases/${lid}`);
const leader = await login('leader');
await shot(leader, 'cockpit', '/cockpit?year=2021');
const k = leader.locator('[data-testid$="-numerator"], .kpi-figure').first();
if (await k.count()) {
  await k.click();
  await shot(leader, 'cockpit-drill', undefined, false);
}
const admin = await login('admin');
await shot(admin, 'admin-users', '/admin/users');
await shot(admin, 'admin-roles', '/admin/roles');
await shot(admin, 'admin-calendar', '/admin/calendar');
const tx = await login('tongxiang');
await shot(tx, 'tongxiang-list', '/cases');
const fzy = await login('fazhiyuan');
await shot(fzy, 'fazhiyuan-todo', '/');

const pc = await phone(b);
const pp = await pc.newPage();
pp.on('pageerror', (e) => errors.push(`portal ${pp.url()} ${e.message}`));
pp.on('console', (m) => m.type() === 'error' && errors.push(`portal ${pp.url()} console: ${m.text()}`));
await shot(pp, 'portal-home', '/portal');
await shot(pp, 'portal-apply', '/portal/apply/reconsideration');
await shot(pp, 'portal-track', '/portal/track');
await shot(pp, 'login-phone', '/login');
console.log(errors.join('\n'));
await b.close();
