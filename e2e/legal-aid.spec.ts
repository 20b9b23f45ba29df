// 法律援助: an application with a household income → the means-test panel (threshold, per capita,
// verdict) → grant → assign an aid lawyer picked from the provider register → close with the
// economic losses recovered.
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BASE, launch } from './browser.js';
import { api, fillDate, fillText, login, pickOption, runAction, todayShanghai, uniqueName } from './helpers.js';

let b: Browser;
beforeAll(async () => {
  b = await launch();
});
afterAll(async () => {
  await b?.close();
});

describe('legal aid', () => {
  it('application → means test → grant → assign → close with the amount recovered', async () => {
    const page = await login(b, 'admin');
    const today = todayShanghai();
    const lawyer = `律师${uniqueName()}`;
    await api(page, 'POST', '/api/v1/registers/provider', {
      name: lawyer,
      kind: 'lawyer',
      firmName: '浙江禾城律师事务所',
      licenceNumber: `13304${Math.floor(Math.random() * 1e10)}`,
      regionCode: '330402',
    });
    const name = uniqueName();
    const c = await api<{ id: string }>(page, 'POST', '/api/v1/cases', {
      type: 'legal_aid',
      input: {
        applicant: { name, phone: '13912345678' },
        matterType: 'civil',
        subject: 'wages',
        proceeding: 'arbitration',
        opposingParty: '嘉兴某建筑劳务公司',
        amountClaimed: 36000,
        facts: '在工地务工八个月，工资被拖欠，多次讨要未果。',
        channel: 'window',
        receivedOn: today,
        regionCode: '330402',
        householdSize: 4,
        householdMonthlyIncome: 3200,
        integrityPledge: true,
      },
    });
    await page.goto(`${BASE}/cases/${c.id}`);
    const panel = page.getByTestId('means-panel');
    await panel.waitFor();
    expect(await page.getByTestId('means-per-capita').textContent()).toContain('800');
    expect(await page.getByTestId('means-threshold').textContent()).toMatch(/\d/);
    expect(await page.getByTestId('means-verdict').getAttribute('data-passed')).toBe('true');
    expect((await page.getByTestId('means-explanation').textContent())?.length ?? 0).toBeGreaterThan(4);

    await runAction(page, 'grant', async () => {
      await fillDate(page, 'field-decidedOn', today);
      await pickOption(page, 'field-form', '劳动争议调解与仲裁代理');
    });
    await runAction(page, 'assign', async () => {
      await fillDate(page, 'field-assignedOn', today);
      await pickOption(page, 'field-providerId', lawyer, lawyer.slice(0, 4));
    });
    await page.getByTestId('case-assignee').waitFor({ state: 'attached' }).catch(() => undefined);
    await runAction(page, 'close', async () => {
      await fillDate(page, 'field-closedOn', today);
      await pickOption(page, 'field-result', '胜诉');
      await fillText(page, 'field-recoveredAmount', '36000');
      await fillText(page, 'field-report', '经仲裁裁决，用人单位支付拖欠工资三万六千元。');
    });
    await page.getByTestId('state-tag').getByText('结案').waitFor();
    const done = await api<{ data: Record<string, unknown> }>(page, 'GET', `/api/v1/cases/${c.id}`);
    expect(JSON.stringify(done.data)).toContain('36000');
  });
});
