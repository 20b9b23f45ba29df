// The leader's cockpit: the three headline rates of the 2021 seed city, by county and month, with a
// drill-down to the records behind a figure.
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BASE, launch } from './browser.js';
import { login, SCREENSHOT_DIR } from './helpers.js';

const SHOTS = SCREENSHOT_DIR;
/** The published 2021 figures the demo city is generated to reproduce (see the seed figures test). */
const SEED_2021 = {
  'reconsideration.correction_rate': '4.97%',
  'litigation.loss_rate': '4.35%',
  'litigation.head_appearance_rate': '97.78%',
};

let b: Browser;
beforeAll(async () => {
  b = await launch();
});
afterAll(async () => {
  await b?.close();
});

describe('cockpit', () => {
  it('shows the three 2021 rates with county and month charts, and drills down to records', async () => {
    const page = await login(b, 'leader');
    await page.goto(`${BASE}/cockpit?year=2021`);
    for (const [key, shown] of Object.entries(SEED_2021)) {
      const value = page.getByTestId(`kpi-${key}-value`);
      await value.waitFor();
      expect(((await value.textContent()) ?? "").replace(/\s/g, '')).toBe(shown);
      // Both charts drew something (ECharts renders into a canvas).
      for (const chart of ['county', 'month']) expect(await page.getByTestId(`chart-${key}-${chart}`).locator('canvas').count()).toBeGreaterThan(0);
    }
    await page.waitForTimeout(800); // chart animations
    await page.screenshot({ path: `${SHOTS}/cockpit.png` });

    // Drill into the numerator of the correction rate: the drawer lists as many records as the page says.
    const key = 'reconsideration.correction_rate';
    const numerator = Number(await page.getByTestId(`kpi-${key}-numerator`).textContent());
    expect(numerator).toBeGreaterThan(0);
    await page.getByTestId(`kpi-${key}-numerator`).click();
    const drawer = page.getByTestId('drill-drawer');
    const rows = page.locator('[data-testid^="drill-row-"]');
    await rows.first().waitFor();
    expect(await rows.count()).toBe(Math.min(numerator, 20));
    expect(await page.locator('.ant-drawer .ant-pagination-total-text').textContent()).toContain(String(numerator));
    // Every record is a 复议 case of 2021 with a case number, and opens its case page.
    const first = rows.first();
    const number = ((await first.locator("a").textContent()) ?? "").trim();
    expect(number).toMatch(/复〔2021〕\d+号/);
    await page.screenshot({ path: '/tmp/fz-drill.png' });
    await first.locator('a').click();
    await page.waitForURL(/\/cases\/[0-9a-f-]{36}$/);
    await expect(page.getByTestId('case-number').textContent()).resolves.toBe(number);
    expect(await drawer.count()).toBe(0);
    await page.context().close();
  });
});
