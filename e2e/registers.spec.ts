// Registers: the generic pages from GET /api/v1/registers — a module's menu group, the list with its
// count and URL filters, a new entry from the register's schema, an edit, and the history of both.
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BASE, launch } from './browser.js';
import { fillText, login, pickRadio, pickTree, SCREENSHOT_DIR, uniqueName } from './helpers.js';

let b: Browser;
beforeAll(async () => {
  b = await launch();
});
afterAll(async () => {
  await b?.close();
});

describe('registers', () => {
  it('consultations list and count; an entry is created, edited, and both show in its history', async () => {
    const page = await login(b, 'admin');
    const defs = (await (await page.request.get(`${BASE}/api/v1/registers`)).json()) as { key: string }[];
    // The consultation register, when the enterprise-services module is installed.
    if (defs.some((d) => d.key === 'consultation')) {
      await page.goto(`${BASE}/registers/consultation`);
      await expect.poll(() => page.getByTestId('register-count').textContent(), { timeout: 15_000 }).toMatch(/\d/);
      await page.screenshot({ path: `${SCREENSHOT_DIR}/register-list.png` });
    }

    await page.goto(`${BASE}/`);
    await page.getByTestId('menu-registers-legal_aid').click();
    await page.getByTestId('menu-register-provider').click();
    await page.waitForURL(/\/registers\/provider/);
    await expect.poll(() => page.getByTestId('register-count').textContent(), { timeout: 15_000 }).toMatch(/\d/);
    const before = Number((await page.getByTestId('register-count').textContent())?.match(/\d+/)?.[0]);

    const name = `律师${uniqueName()}`;
    await page.getByTestId('register-new').click();
    await page.getByTestId('register-form').waitFor();
    await fillText(page, 'field-name', name);
    await pickRadio(page, 'field-kind', '律师');
    await fillText(page, 'field-licenceNumber', `13304${Math.floor(Math.random() * 1e10)}`);
    await pickTree(page, 'field-regionCode', '南湖区');
    await page.getByTestId('register-submit').click();
    await page.getByTestId('register-entry').waitFor();
    expect(await page.getByTestId('register-entry-title').textContent()).toContain(name);

    await page.getByTestId('register-edit').click();
    await page.getByTestId('register-edit-form').waitFor();
    await fillText(page, 'field-firmName', '浙江禾城律师事务所');
    await page.getByTestId('register-edit-submit').click();
    await page.getByTestId('history-row-2').waitFor();
    expect(await page.getByTestId('history-row-2').textContent()).toContain('浙江禾城律师事务所');
    expect(await page.getByTestId('history-who-1').textContent()).toBe('系统管理员');

    // Filters live in the URL: a search for the new name finds exactly it, and the count follows.
    await page.goto(`${BASE}/registers/provider?q=${encodeURIComponent(name)}`);
    await expect.poll(() => page.getByTestId('register-count').textContent(), { timeout: 15_000 }).toMatch(/\b1\b/);
    await page.goto(`${BASE}/registers/provider`);
    await expect.poll(async () => Number((await page.getByTestId('register-count').textContent())?.match(/\d+/)?.[0]), { timeout: 15_000 }).toBe(before + 1);
  });
});
