import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, Locator, Page } from 'playwright-core';
import { BASE, desktop, phone } from './browser.js';

export const PASSWORD = 'Fazhi2021demo';

/** Today as the server counts it: a civil date in Asia/Shanghai. */
export function todayShanghai(offsetDays = 0): string {
  const d = new Date(Date.now() + offsetDays * 86_400_000);
  return new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai', year: 'numeric', month: '2-digit', day: '2-digit' }).format(d);
}

/** A resident ID number with a valid GB 11643 check character (region 330402 南湖区, given birth date). */
export function idNumber(birth = '19900101', seq = Math.floor(Math.random() * 900 + 100)): string {
  const body = `330402${birth}${seq}`;
  const weights = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
  const sum = [...body].reduce((s, c, i) => s + Number(c) * weights[i], 0);
  return body + '10X98765432'[sum % 11];
}

/** A name no seed case uses, so a search finds exactly the case this run filed. */
export function uniqueName(): string {
  const chars = '甲乙丙丁戊己庚辛壬癸子丑寅卯辰巳午未申酉戌亥';
  let s = '';
  for (let i = 0; i < 3; i++) s += chars[Math.floor(Math.random() * chars.length)];
  return `欧阳${s}`;
}

export async function login(b: Browser, username: string): Promise<Page> {
  const ctx = await desktop(b);
  const page = await ctx.newPage();
  await page.goto(`${BASE}/login`);
  await page.getByTestId('login-username').fill(username);
  await page.getByTestId('login-password').fill(PASSWORD);
  await page.getByTestId('login-submit').click();
  await page.waitForURL((u) => !u.pathname.startsWith('/login'));
  return page;
}

/** The <input> of a field whose test id sits either on the input or on a wrapper. */
async function inputOf(loc: Locator): Promise<Locator> {
  const tag = await loc.evaluate((e) => e.tagName);
  return tag === 'INPUT' || tag === 'TEXTAREA' ? loc : loc.locator('input').first();
}

export async function fillText(page: Page, testId: string, value: string) {
  await (await inputOf(page.getByTestId(testId))).fill(value);
}

export async function fillDate(page: Page, testId: string, value: string) {
  const input = await inputOf(page.getByTestId(testId));
  await input.click();
  await input.fill(value);
  // Enter would also submit the surrounding form: leave the field instead, which commits the date.
  await input.press('Tab');
  await input.evaluate((e) => (e as HTMLInputElement).blur());
}

/** An antd Select: open it, optionally type to search the server, click the option with this text. */
export async function pickOption(page: Page, testId: string, text: string, search?: string) {
  const field = page.getByTestId(testId);
  await field.click();
  if (search) await page.keyboard.type(search, { delay: 30 });
  const option = page.locator('.ant-select-dropdown:not(.ant-select-dropdown-hidden) .ant-select-item-option', { hasText: text }).first();
  await option.waitFor({ state: 'visible' });
  await option.click();
}

export async function pickRadio(page: Page, testId: string, text: string) {
  await page.getByTestId(testId).getByText(text, { exact: true }).click();
}

/** Run one action from the case page through its modal form; `fill` fills the modal. */
export async function runAction(page: Page, action: string, fill: () => Promise<void>) {
  await page.getByTestId(`action-${action}`).click();
  await page.getByTestId(`action-form-${action}`).waitFor();
  await fill();
  await page.getByTestId('modal-submit').click();
  await page.getByTestId(`action-form-${action}`).waitFor({ state: 'detached' });
}

/**
 * Where the browser tests leave their screenshots: a temp folder by default, so a test run never
 * changes the repository; `E2E_SHOTS=docs/screenshots npm run test:e2e` refreshes the README's.
 */
export const SCREENSHOT_DIR = process.env.E2E_SHOTS ?? mkdtempSync(join(tmpdir(), 'fazhi-shots-'));

/** Sign in on a phone-sized screen (mediators work in the field). */
export async function loginPhone(b: Browser, username: string, password = PASSWORD): Promise<Page> {
  const ctx = await phone(b);
  const page = await ctx.newPage();
  await page.goto(`${BASE}/login`);
  await page.getByTestId('login-username').fill(username);
  await page.getByTestId('login-password').fill(password);
  await page.getByTestId('login-submit').click();
  await page.waitForURL((u) => !u.pathname.startsWith('/login'));
  return page;
}

/** An antd Cascader: open it and click each level's item in turn. */
export async function pickCascade(page: Page, testId: string, labels: string[]) {
  await page.getByTestId(testId).click();
  for (const [i, label] of labels.entries()) {
    const menu = page.locator('.ant-cascader-dropdown:not(.ant-select-dropdown-hidden) .ant-cascader-menu').nth(i);
    await menu.locator('.ant-cascader-menu-item', { hasText: label }).first().click();
  }
}

/** An antd TreeSelect: type to search, click the node with this title. */
export async function pickTree(page: Page, testId: string, title: string) {
  await page.getByTestId(testId).click();
  await page.keyboard.type(title, { delay: 20 });
  const node = page.locator('.ant-select-dropdown:not(.ant-select-dropdown-hidden) .ant-select-tree-title', { hasText: title }).first();
  await node.waitFor({ state: 'visible' });
  await node.click();
  await page.keyboard.press('Escape');
}

/** A JSON call with the page's session cookie; throws with the problem body on failure. */
export async function api<T>(page: Page, method: 'GET' | 'POST' | 'PATCH', path: string, data?: unknown): Promise<T> {
  const res = await page.request.fetch(`${BASE}${path}`, { method, data, headers: data ? { 'content-type': 'application/json' } : undefined });
  if (!res.ok()) throw new Error(`${method} ${path} → ${res.status()} ${await res.text()}`);
  return (await res.json()) as T;
}

/** Run a case action through the API (steps a spec does not test in the browser). */
export async function act(page: Page, caseId: string, action: string, input: unknown) {
  const c = await api<{ version: number }>(page, 'GET', `/api/v1/cases/${caseId}`);
  return api<{ version: number; state: string }>(page, 'POST', `/api/v1/cases/${caseId}/actions/${action}`, { version: c.version, input });
}
