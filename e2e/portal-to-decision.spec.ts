// A citizen applies for 行政复议 on a phone, staff take the case to a served decision on the desktop,
// and the citizen sees the result by 查询码 + phone.
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BASE, launch, phone } from './browser.js';
import { fillDate, fillText, idNumber, login, pickOption, pickRadio, runAction, todayShanghai, uniqueName, SCREENSHOT_DIR } from './helpers.js';

const SHOTS = SCREENSHOT_DIR;
let b: Browser;
beforeAll(async () => {
  b = await launch();
});
afterAll(async () => {
  await b?.close();
});

describe('行政复议: portal application → decision → tracking', () => {
  const name = uniqueName();
  const mobile = '13957300000'.slice(0, 7) + String(Math.floor(Math.random() * 9000 + 1000));
  let code = '';

  it('a citizen applies on a phone and gets a 查询码', async () => {
    const page = await (await phone(b)).newPage();
    await page.goto(`${BASE}/portal`);
    await page.getByTestId('portal-apply-reconsideration').click();
    await page.getByTestId('apply-form').waitFor();
    // The applicant is a discriminated union: the organisation branch has its own fields.
    await pickRadio(page, 'field-applicant.kind', '法人或其他组织');
    await expect(page.getByTestId('field-applicant.creditCode').count()).resolves.toBe(1);
    await pickRadio(page, 'field-applicant.kind', '公民（自然人）');
    await expect(page.getByTestId('field-applicant.creditCode').count()).resolves.toBe(0);
    await fillText(page, 'field-applicant.name', name);
    await fillText(page, 'field-applicant.idNumber', idNumber());
    await fillText(page, 'field-applicant.phone', mobile);
    await fillText(page, 'field-applicant.address', '浙江省嘉兴市南湖区中山路1号');
    await pickOption(page, 'field-respondentAgencyId', '嘉兴市市场监督管理局', '市场监督');
    await fillText(page, 'field-act.description', '嘉兴市市场监督管理局作出的行政处罚决定（罚款）');
    await fillDate(page, 'field-act.actDate', todayShanghai(-20));
    await fillDate(page, 'field-act.knownOn', todayShanghai(-15));
    await fillText(page, 'field-request', '请求撤销被申请人作出的行政处罚决定。');
    await fillText(page, 'field-factsAndReasons', '被申请人认定事实不清、证据不足。');
    await page.evaluate(() => window.scrollTo(0, 0));
    await page.waitForTimeout(300);
    await page.screenshot({ path: `${SHOTS}/portal-apply-phone.png` });
    // Nothing was sent before the applicant pressed submit (no premature validation errors).
    expect(await page.locator('.ant-form-item-explain-error').count()).toBe(0);
    await page.getByTestId('apply-submit').click();
    const codeEl = page.getByTestId('tracking-code');
    await codeEl.waitFor({ timeout: 20_000 });
    code = ((await codeEl.textContent()) ?? "").trim();
    expect(code).toMatch(/^[2-9A-Z]{10}$/);
    // Nothing overflows the phone's width.
    const width = await page.evaluate(() => document.documentElement.scrollWidth);
    expect(width).toBeLessThanOrEqual(375);
    await page.context().close();
  });

  it('staff accept, notify, record the answer, decide and serve', async () => {
    const page = await login(b, 'fuyi');
    // The new application waits on the to-do list with its 5-working-day acceptance review.
    const todoRow = page.locator('[data-testid^="case-row-"]', { hasText: name });
    await todoRow.first().waitFor();
    expect(await todoRow.first().textContent()).toContain('受理审查');
    await page.screenshot({ path: `${SHOTS}/workbench-todo.png` });
    await page.goto(`${BASE}/cases?q=${encodeURIComponent(name)}`);
    const row = page.locator('[data-testid^="case-row-"]', { hasText: name });
    await row.first().waitFor();
    expect(await row.count()).toBe(1);
    await row.first().click();
    await page.getByTestId('case-header').waitFor();
    // The applicant's name and ID number are masked on the case page.
    const parties = await page.getByTestId('case-parties').textContent();
    expect(parties).not.toContain(name);
    expect(parties).toContain(`${name[0]}*`);
    const today = todayShanghai();
    await runAction(page, 'accept', async () => {
      await fillDate(page, 'field-acceptedOn', today);
      await pickRadio(page, 'field-procedure', '普通程序');
    });
    await expect(page.getByTestId('case-number').textContent()).resolves.toMatch(/复〔\d{4}〕\d+号/);
    await runAction(page, 'notify_respondent', async () => {
      await fillDate(page, 'field-sentOn', today);
      await pickRadio(page, 'field-method', '电子送达');
    });
    await runAction(page, 'submit_answer', async () => {
      await fillDate(page, 'field-answeredOn', today);
      await page.getByTestId('field-evidenceSubmitted').click();
    });
    await runAction(page, 'decide', async () => {
      await fillDate(page, 'field-decidedOn', today);
      await pickOption(page, 'field-decisionType', '撤销');
      await fillText(page, 'field-findings', '被申请人作出处罚决定时未听取陈述申辩。');
      await fillText(page, 'field-reasoning', '程序违法。');
      await pickRadio(page, 'field-approvedBy', '经行政复议机关负责人同意');
    });
    await expect(page.getByTestId('case-outcome').textContent()).resolves.toBe('撤销');
    await runAction(page, 'serve', async () => {
      await fillDate(page, 'field-servedOn', today);
      await pickOption(page, 'field-method', '直接送达');
    });
    const timeline = await page.getByTestId('case-timeline').textContent();
    for (const step of ['收案登记', '受理', '发送申请书副本', '提交书面答复', '作出复议决定', '送达决定书']) expect(timeline).toContain(step);
    await page.context().close();
  });

  it('the citizen tracks the case on the phone and sees the result', async () => {
    const page = await (await phone(b)).newPage();
    await page.goto(`${BASE}/portal/track`);
    await page.getByTestId('track-code').fill(code);
    await page.getByTestId('track-contact').fill('13900000000');
    await page.getByTestId('track-submit').click();
    await page.getByTestId('track-error').waitFor();
    await page.getByTestId('track-contact').fill(mobile);
    await page.getByTestId('track-submit').click();
    const result = page.getByTestId('track-result');
    await result.waitFor();
    const text = await result.textContent();
    expect(text).toContain('撤销');
    expect(text).toContain(code);
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(375);
    await page.screenshot({ path: `${SHOTS}/portal-result-phone.png`, fullPage: true });
    await page.context().close();
  });
});
