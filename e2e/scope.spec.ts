// A county officer sees only the county's cases: another county's case is "not found", in the page
// and in the API alike (not "forbidden", which would confirm that the case exists).
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BASE, launch } from './browser.js';
import { login } from './helpers.js';

const HAINING = '330481';
const TONGXIANG = '330483';

let b: Browser;
beforeAll(async () => {
  b = await launch();
});
afterAll(async () => {
  await b?.close();
});

describe('county scope', () => {
  it('tongxiang sees no 海宁 case in the list and gets not-found for one', async () => {
    const admin = await login(b, 'admin');
    const res = await admin.request.get(`${BASE}/api/v1/cases?region=${HAINING}&pageSize=1`);
    expect(res.status()).toBe(200);
    const haining = (await res.json()).items[0] as { id: string; number: string | null; title: string };
    expect(haining).toBeTruthy();
    await admin.context().close();

    const page = await login(b, 'tongxiang');
    await page.goto(`${BASE}/cases`);
    const rows = page.locator('[data-testid^="case-row-"]');
    await rows.first().waitFor();
    // The region column of every row names 桐乡市 or one of its towns (disputes are placed by town).
    const towns = (await (await page.request.get(`${BASE}/api/v1/portal/regions`)).json()) as { code: string; name: string }[];
    const tongxiang = new Set(['桐乡市', ...towns.filter((t) => t.code.startsWith(TONGXIANG)).map((t) => t.name)]);
    const headers = await page.locator('.ant-table-thead th').allInnerTexts();
    const regionCol = headers.findIndex((h) => h.trim() === '区域');
    expect(regionCol).toBeGreaterThan(-1);
    const regions = await rows.evaluateAll((trs, i) => trs.map((tr) => (tr as HTMLTableRowElement).cells[i]?.textContent?.trim()), regionCol);
    expect(regions.length).toBeGreaterThan(0);
    expect(tongxiang.size).toBeGreaterThan(1);
    expect(regions.filter((r) => !tongxiang.has(r ?? ''))).toEqual([]);
    expect(await page.locator(`[data-testid="case-row-${haining.id}"]`).count()).toBe(0);
    // Searching for the 海宁 case by its title finds nothing either.
    await page.goto(`${BASE}/cases?q=${encodeURIComponent(haining.number ?? haining.title)}`);
    await page.locator('.ant-empty').first().waitFor();
    expect(await rows.count()).toBe(0);

    // The API agrees: every case it lists is in 桐乡市, and the 海宁 case is 404.
    const list = await (await page.request.get(`${BASE}/api/v1/cases?pageSize=200`)).json();
    expect(list.items.every((c: { regionCode: string }) => c.regionCode.startsWith(TONGXIANG))).toBe(true);
    const direct = await page.request.get(`${BASE}/api/v1/cases/${haining.id}`);
    expect(direct.status()).toBe(404);
    expect(direct.headers()['content-type']).toContain('application/problem+json');

    await page.goto(`${BASE}/cases/${haining.id}`);
    const err = page.getByTestId('error-state');
    await err.waitFor();
    expect(await err.getAttribute('class')).toContain('ant-result-404');
    const text = await err.textContent();
    expect(text).not.toContain(haining.title);
    expect(await page.getByTestId('case-header').count()).toBe(0);
    await page.context().close();
  });
});
