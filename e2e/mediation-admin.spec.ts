// Dispute administration as the city 矛调中心 (mtzx): a new category, a routing rule sending it to the
// county's industry committee (the server's field message when the industry is missing), a preview of
// where such a dispute from a town goes and why, a refused delete of a category the rule uses, and a
// committee's mediators with their workload. A grid worker sees none of it, and the API refuses them.
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BASE, launch } from './browser.js';
import { fillText, login, pickCascade, pickOption, pickTree, SCREENSHOT_DIR } from './helpers.js';

let b: Browser;
beforeAll(async () => {
  b = await launch();
});
afterAll(async () => {
  await b?.close();
});

// A fresh code and name per run, so a rerun against the same server finds exactly this run's rows.
const suffix = Math.random().toString(36).slice(2, 7).replace(/\d/g, 'x');
const code = `pets_${suffix}`;
const nameZh = `宠物纠纷${suffix.toUpperCase()}`;

async function fillArea(page: Page, testId: string, value: string) {
  await page.getByTestId(testId).fill(value);
}

describe('dispute administration', () => {
  it('category → industry rule → preview with reasons → refused delete → committee mediators', async () => {
    const page = await login(b, 'mtzx');
    await page.getByTestId('menu-mediation-admin').waitFor();

    // ── 纠纷类别 ──
    await page.getByTestId('menu-mediation-categories').click();
    await page.waitForURL(/\/admin\/mediation\/categories/);
    await page.getByTestId('category-row-neighbour_noise').waitFor();
    await page.getByTestId('category-new').click();
    await page.getByTestId('category-form').waitFor();
    await expect.poll(() => page.getByTestId('category-parent').textContent()).toBe('（一级类别）');
    await fillText(page, 'category-code', code);
    await fillText(page, 'category-name-zh', nameZh);
    await fillText(page, 'category-name-en', `Pets ${suffix}`);
    await page.getByTestId('modal-submit').click();
    await page.getByTestId(`category-row-${code}`).waitFor();
    expect(await page.getByTestId(`category-name-${code}`).textContent()).toBe(nameZh);

    // The same code again: the server refuses, nothing is added.
    await page.getByTestId('category-new').click();
    await fillText(page, 'category-code', code);
    await fillText(page, 'category-name-zh', '重复');
    await fillText(page, 'category-name-en', 'Duplicate');
    await page.getByTestId('modal-submit').click();
    await page.locator('.ant-message-notice', { hasText: '类别代码已存在' }).waitFor();
    await page.keyboard.press('Escape');
    await page.getByTestId('category-form').waitFor({ state: 'hidden' });
    await page.screenshot({ path: `${SCREENSHOT_DIR}/mediation-categories.png`, fullPage: true });

    // ── 分派规则 ──
    await page.getByTestId('menu-mediation-rules').click();
    await page.waitForURL(/\/admin\/mediation\/rules/);
    await page.getByTestId('rule-table').locator('tbody tr[data-testid^="rule-row-"]').first().waitFor();
    const rulesBefore = await page.getByTestId('rule-table').locator('tbody tr[data-testid^="rule-row-"]').count();
    await page.getByTestId('rule-new').click();
    await page.getByTestId('rule-form').waitFor();
    await fillText(page, 'rule-priority', '5');
    await pickTree(page, 'rule-categories', nameZh);
    await pickOption(page, 'rule-target', '行业性调委会');
    await fillArea(page, 'rule-note-zh', `${nameZh}交县级医疗纠纷人民调解委员会`);
    await fillArea(page, 'rule-note-en', 'Pet disputes go to the county medical committee');
    // No industry: the server's message lands on the field.
    await page.getByTestId('rule-submit').click();
    await page.getByTestId('rule-form').getByText('交行业性调委会的规则须注明行业').waitFor();
    await fillText(page, 'rule-industry', '医疗');
    await page.keyboard.press('Escape');
    await page.getByTestId('rule-submit').click();
    await page.getByTestId('rule-form').waitFor({ state: 'hidden' });
    await expect
      .poll(() => page.getByTestId('rule-table').locator('tbody tr[data-testid^="rule-row-"]').count(), { timeout: 15_000 })
      .toBe(rulesBefore + 1);
    // Priority 5 sorts before the seeded rules (10 … 1000).
    const ruleRows = page.getByTestId('rule-table').locator('tbody tr[data-testid^="rule-row-"]');
    const first = ruleRows.filter({ hasText: nameZh });
    expect(await first.textContent()).toContain('医疗');
    const order = await ruleRows.evaluateAll((trs) => trs.map((tr) => tr.textContent ?? ''));
    expect(order.findIndex((x) => x.includes(nameZh))).toBeLessThan(order.findIndex((x) => x.includes('物业纠纷交县级物业纠纷')));

    // ── 试算 ──
    await pickCascade(page, 'preview-category', [nameZh]);
    await pickTree(page, 'preview-town', '新嘉街道');
    await page.getByTestId('preview-submit').click();
    await page.getByTestId('preview-result').waitFor();
    expect(await page.getByTestId('preview-committee').textContent()).toBe('南湖区医疗纠纷人民调解委员会');
    const reasons = await page.getByTestId('preview-reasons').textContent();
    expect(reasons).toContain(`按类别「${nameZh}」规则交南湖区医疗纠纷人民调解委员会`);
    expect(reasons).toContain('调解员');
    expect(await page.getByTestId('preview-rule').textContent()).toContain(`${nameZh}交县级医疗纠纷人民调解委员会`);
    expect((await page.getByTestId('preview-mediator').textContent())?.length).toBeGreaterThan(1);
    await page.screenshot({ path: `${SCREENSHOT_DIR}/mediation-rules.png`, fullPage: true });

    // Switching the rule off: the same preview falls through to the town rule.
    const ruleId = (await first.getAttribute('data-testid'))?.replace('rule-row-', '') ?? '';
    await page.getByTestId(`rule-active-${ruleId}`).click();
    await page.locator('.ant-message-notice', { hasText: '已停用' }).waitFor();
    await page.getByTestId('preview-submit').click();
    await expect.poll(() => page.getByTestId('preview-committee').textContent(), { timeout: 15_000 }).toBe('新嘉街道人民调解委员会');
    await page.getByTestId(`rule-active-${ruleId}`).click();
    await page.locator('.ant-message-notice', { hasText: '已启用' }).waitFor();

    // ── the category is now in use: its delete is refused with the server's reason ──
    await page.getByTestId('menu-mediation-categories').click();
    await page.getByTestId(`category-delete-${code}`).click();
    await page.getByTestId('confirm-delete').click();
    await page.getByTestId('category-problem').waitFor();
    expect(await page.getByTestId('category-problem').textContent()).toContain('不能删除');
    await page.getByTestId(`category-row-${code}`).waitFor();

    // ── 人民调解委员会 ──
    await page.getByTestId('menu-mediation-committees').click();
    await page.waitForURL(/\/admin\/mediation\/committees/);
    await pickOption(page, 'filter-level', '行业性专业性');
    await pickTree(page, 'filter-region', '南湖区');
    await page.waitForURL(/level=industry/);
    await page.waitForURL(/region=330402/);
    const row = page.locator('[data-testid^="committee-row-"]', { hasText: '南湖区医疗纠纷人民调解委员会' });
    await row.waitFor();
    // Industry committees of 南湖区 only: four of them.
    await expect.poll(() => page.locator('[data-testid^="committee-row-"]').count(), { timeout: 15_000 }).toBe(4);
    await row.locator('[data-testid^="committee-mediators-"]').click();
    const drawer = page.getByTestId('mediators-drawer');
    await drawer.locator('[data-testid^="mediator-row-"]').first().waitFor();
    expect(await drawer.locator('[data-testid^="mediator-row-"]').count()).toBeGreaterThanOrEqual(2);
    expect(await drawer.locator('[data-testid^="mediator-workload-"]').first().textContent()).toMatch(/\d+ \/ \d+/);
    expect(await drawer.textContent()).toContain('医疗纠纷');
    // Let the drawer finish sliding in before the picture.
    await page.waitForTimeout(600);
    await page.screenshot({ path: `${SCREENSHOT_DIR}/mediation-committees.png`, fullPage: true });
    await page.context().close();
  });

  it('a grid worker has no dispute administration menu, and the API refuses the admin calls', async () => {
    const page = await login(b, 'wangge');
    await page.getByTestId('menu-todo').waitFor();
    expect(await page.getByTestId('menu-mediation-admin').count()).toBe(0);
    const rules = await page.request.get(`${BASE}/api/v1/mediation/routing-rules`);
    expect(rules.status()).toBe(403);
    const post = await page.request.post(`${BASE}/api/v1/mediation/categories`, {
      data: { code: 'sneaky', nameZh: '偷加', nameEn: 'Sneaky' },
      headers: { 'content-type': 'application/json' },
    });
    expect(post.status()).toBe(403);
    await page.context().close();
  });
});
