// A lawsuit that follows a decided 复议: registered from the new-case form naming the 复议 case, and
// the link shows on both case pages.
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BASE, launch } from './browser.js';
import { fillDate, fillText, login, pickOption, todayShanghai, uniqueName, SCREENSHOT_DIR } from './helpers.js';

const SHOTS = SCREENSHOT_DIR;
let b: Browser;
beforeAll(async () => {
  b = await launch();
});
afterAll(async () => {
  await b?.close();
});

interface Item {
  id: string;
  number: string | null;
  title: string;
  outcome: string | null;
  subjectAgencyName: string | null;
}

describe('follow-on lawsuit', () => {
  it('yingsu registers a lawsuit naming a decided 复议 case; both pages show the link', async () => {
    const page = await login(b, 'yingsu');
    // A 复议 case decided "维持" (the act upheld): the usual prelude to suing.
    let recon: Item | undefined;
    for (let p = 1; !recon && p <= 20; p++) {
      const res = await page.request.get(`${BASE}/api/v1/cases?type=reconsideration&category=closed&sort=number&pageSize=100&page=${p}`);
      expect(res.status()).toBe(200);
      recon = ((await res.json()).items as Item[]).find((i) => i.outcome === 'uphold' && i.number && i.subjectAgencyName);
    }
    if (!recon?.number || !recon.subjectAgencyName) throw new Error('no upheld 复议 case in the demo city');

    await page.goto(`${BASE}/cases/new/litigation`);
    await page.getByTestId('create-form').waitFor();
    const courtNumber = `（2026）浙0402行初${Math.floor(Math.random() * 9000 + 1000)}号`;
    await fillText(page, 'field-court', '嘉兴市南湖区人民法院');
    await fillText(page, 'field-courtCaseNumber', courtNumber);
    await fillText(page, 'field-plaintiff.name', uniqueName());
    await pickOption(page, 'field-defendantAgencyId', recon.subjectAgencyName, recon.subjectAgencyName);
    await page.getByTestId('field-reconsiderationOrganCoDefendant').click();
    // The 复议 case is picked by its number, not typed as an id.
    await pickOption(page, 'field-reconsiderationCaseId', recon.number, recon.number);
    await fillText(page, 'field-cause', '行政处罚');
    await fillDate(page, 'field-filedOn', todayShanghai(-3));
    await fillDate(page, 'field-servedOn', todayShanghai(-1));
    await page.getByTestId('form-submit').click();
    await page.waitForURL(/\/cases\/[0-9a-f-]{36}$/, { timeout: 20_000 });
    const lawsuitId = page.url().split('/').pop() as string;

    const links = page.getByTestId('case-links');
    const toRecon = links.getByTestId(`link-${recon.id}`);
    await toRecon.waitFor();
    expect(await toRecon.textContent()).toContain(recon.number);
    // A court's case number is the lawsuit's number.
    await expect(page.getByTestId('case-number').textContent()).resolves.toContain(courtNumber);

    // Follow the link: the 复议 case names the lawsuit in return.
    await toRecon.getByRole('link').click();
    await page.waitForURL(`${BASE}/cases/${recon.id}`);
    const back = page.getByTestId('case-links').getByTestId(`link-${lawsuitId}`);
    await back.waitFor();
    expect(await back.textContent()).toContain(courtNumber);
    await expect(page.getByTestId('case-outcome').textContent()).resolves.toBe('维持');
    await page.screenshot({ path: `${SHOTS}/case-page.png`, fullPage: true });

    // Linking to a number that does not exist is refused with a clear message, and adds no link.
    const linked = page.getByTestId('case-links').locator('[data-testid^="link-"]').filter({ has: page.locator('a[href^="/cases/"]') });
    const before = await linked.count();
    expect(before).toBeGreaterThan(0);
    await page.getByTestId('link-number').fill('嘉复〔2099〕9999号');
    await page.getByTestId('link-relation').click();
    await page.locator('.ant-select-dropdown:not(.ant-select-dropdown-hidden) .ant-select-item-option').first().click();
    await page.getByTestId('link-submit').click();
    await page.getByText('未找到该案号的案件').first().waitFor();
    expect(await linked.count()).toBe(before);
    await page.context().close();
  });
});
