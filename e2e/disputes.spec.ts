// 矛盾纠纷调解 end to end: a citizen files a 邻里 dispute on a phone and sees where it was routed and
// why; the town committee's mediator works it on a phone (accept, online room, written agreement and
// its DOCX, 司法确认); the citizen answers in the room and rates the service. A dispute handed to
// 行政复议 shows the link on both case pages.
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BASE, launch, phone } from './browser.js';
import {
  act,
  api,
  fillDate,
  fillText,
  idNumber,
  login,
  loginPhone,
  PASSWORD,
  pickCascade,
  pickRadio,
  pickTree,
  runAction,
  SCREENSHOT_DIR,
  todayShanghai,
  uniqueName,
} from './helpers.js';

const SHOTS = SCREENSHOT_DIR;
// A 1×1 PNG: the "photo" of the dispute.
const PHOTO = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==', 'base64');

interface Category {
  code: string;
  parentCode: string | null;
  nameZh: string;
}
interface Preview {
  committeeId: string;
  committeeName: string;
  reasons: { zh: string }[];
}

let b: Browser;
let admin: Page;
let citizen: Page;
const applicant = uniqueName();
const applicantPhone = `139${String(Math.floor(Math.random() * 1e8)).padStart(8, '0')}`;
const today = todayShanghai();
let trackingCode = '';
let caseId = '';
let town: { code: string; name: string };
let path: string[];
let preview: Preview;
const mediator = `med${Math.floor(Math.random() * 1e6)}`;

beforeAll(async () => {
  b = await launch();
  admin = await login(b, 'admin');
  // A 邻里 leaf category and a town; where the routing will send such a dispute, by the server's own rules.
  const cats = await api<Category[]>(admin, 'GET', '/api/v1/mediation/categories');
  const parent = cats.find((c) => !c.parentCode && c.nameZh.includes('邻里'));
  const leaf = cats.find((c) => c.parentCode === parent?.code) ?? parent ?? cats.find((c) => c.nameZh.includes('邻里'));
  if (!leaf) throw new Error('no 邻里 category');
  path = leaf.parentCode ? [cats.find((c) => c.code === leaf.parentCode)?.nameZh ?? '', leaf.nameZh] : [leaf.nameZh];
  const towns = (await api<{ code: string; name: string; level: string }[]>(admin, 'GET', '/api/v1/portal/regions')).filter((r) => r.level === 'town');
  town = towns[0];
  const previewUrl = `/api/v1/mediation/route-preview?category=${leaf.code}&regionCode=${town.code}`;
  // A city without the mediation demo data has no committee yet: set one up for the town, as the bureau would.
  preview = await api<Preview>(admin, 'GET', previewUrl).catch(async () => {
    await api(admin, 'POST', '/api/v1/mediation/committees', { name: `${town.name}人民调解委员会`, regionCode: town.code, level: 'town', abbr: '调' });
    return api<Preview>(admin, 'GET', previewUrl);
  });
  // The committee's mediator, as an administrator would set one up.
  const created = await api<{ user: { id: string } }>(admin, 'POST', '/api/v1/admin/users', {
    username: mediator,
    displayName: '调解员郑和',
    password: PASSWORD,
    roles: ['mediator'],
    regionCode: town.code.slice(0, 6),
    agencyId: preview.committeeId,
    agencyOnly: true,
    mustChangePassword: false,
  });
  // …and in the committee's mediator register, so the routing suggests them.
  await api(admin, 'POST', '/api/v1/registers/mediator', {
    name: '调解员郑和',
    committeeAgencyId: preview.committeeId,
    userId: created.user.id,
    regionCode: town.code,
  });
});
afterAll(async () => {
  await b?.close();
});

async function track(page: Page) {
  await page.goto(`${BASE}/portal/track?code=${trackingCode}`);
  await page.getByTestId('track-contact').fill(applicantPhone);
  await page.getByTestId('track-submit').click();
  await page.getByTestId('track-result').waitFor();
}

describe('dispute mediation', () => {
  it('a citizen files a 邻里 dispute on a phone with a photo and sees it routed, with the reason', async () => {
    citizen = await (await phone(b)).newPage();
    await citizen.goto(`${BASE}/portal/apply/mediation`);
    await citizen.getByTestId('apply-form').waitFor();
    await fillText(citizen, 'field-applicant.name', applicant);
    await fillText(citizen, 'field-applicant.phone', applicantPhone);
    await fillText(citizen, 'field-otherParty.name', '楼上邻居王某');
    await pickCascade(citizen, 'field-category', path);
    await fillText(citizen, 'field-description', '楼上住户深夜噪音，多次沟通无果，请求调解。');
    await fillText(citizen, 'field-disputeAddress', `${town.name}幸福小区3幢`);
    await pickTree(citizen, 'field-regionCode', town.name);
    const width = await citizen.evaluate(() => document.documentElement.scrollWidth);
    expect(width).toBeLessThanOrEqual(375);
    await citizen.getByTestId('field-category').scrollIntoViewIfNeeded();
    await citizen.screenshot({ path: `${SHOTS}/portal-mediation-apply.png` });
    await citizen.getByTestId('apply-submit').click();
    trackingCode = (await citizen.getByTestId('tracking-code').textContent())?.trim() ?? '';
    expect(trackingCode).toMatch(/^[2-9A-Z]{10}$/);

    // The photo, right after submission, answering to the phone given in the form.
    expect(await citizen.getByTestId('evidence-contact').inputValue()).toBe(applicantPhone);
    await citizen.locator('[data-testid=evidence-step] input[type=file]').setInputFiles({ name: '噪音现场.png', mimeType: 'image/png', buffer: PHOTO });
    await citizen.getByTestId('evidence-files').getByText('噪音现场.png').waitFor();

    await track(citizen);
    const found = await api<{ items: { id: string }[] }>(admin, 'GET', `/api/v1/cases?type=mediation&q=${encodeURIComponent(applicant)}`);
    expect(found.items).toHaveLength(1);
    caseId = found.items[0].id;
    await expect.poll(() => citizen.getByTestId('track-handler').textContent()).toContain(preview.committeeName);
    // The reasons show when the track answer carries them (data.routing.reasons; see docs/web.md).
    if (await citizen.getByTestId('track-reasons').count()) expect((await citizen.getByTestId('track-reasons').textContent())?.length).toBeGreaterThan(2);
  });

  it('the mediator works it on a phone; the citizen answers in the room and rates the service', async () => {
    const m = await loginPhone(b, mediator);
    await m.goto(`${BASE}/cases/${caseId}`);
    await m.getByTestId('routing-panel').waitFor();
    expect(await m.getByTestId('routing-committee').textContent()).toBe(preview.committeeName);
    expect((await m.getByTestId('routing-reasons').textContent())?.length).toBeGreaterThan(2);
    expect(await m.getByTestId('case-attachments').textContent()).toContain('噪音现场.png');
    await m.screenshot({ path: `${SHOTS}/staff-dispute-routing.png`, fullPage: true });

    await runAction(m, 'accept', async () => {
      await fillDate(m, 'field-acceptedOn', today);
    });
    await m.getByTestId('state-tag').getByText('调解中').waitFor();

    // The online room: the mediator writes, the citizen answers from the portal.
    await m.getByTestId('tab-room').click();
    await m.getByTestId('message-body').fill('您好，我是调解员，明天上午到现场了解情况。');
    await m.getByTestId('message-send').click();
    await m.getByTestId('message-staff').first().waitFor();

    await track(citizen);
    await citizen.getByTestId('track-room').getByText('明天上午到现场').waitFor();
    await citizen.getByTestId('message-body').fill('好的，我在家等您。');
    await citizen.getByTestId('message-send').click();
    await citizen.getByTestId('message-party').first().waitFor();
    await citizen.getByTestId('track-room').scrollIntoViewIfNeeded();
    await citizen.screenshot({ path: `${SHOTS}/portal-track-room.png` });
    // Polled: the answer appears on the mediator's phone without a reload.
    await m.getByTestId('message-party').getByText('我在家等您').waitFor({ timeout: 20_000 });

    await m.getByTestId('tab-case').click();
    await runAction(m, 'record_agreement', async () => {
      await fillDate(m, 'field-effectiveOn', today);
      await pickRadio(m, 'field-form', '书面调解协议');
      await fillText(m, 'field-terms', '楼上住户晚十点后不再产生噪音，并赔偿楼下住户人民币五百元。');
      await fillText(m, 'field-performanceManner', '当场支付');
      await m.getByTestId('field-mediatorSigned').click();
      await m.getByTestId('field-confirmationIntended').click();
    });
    await m.getByTestId('document-agreement').waitFor();
    const href = await m.getByTestId('document-agreement').getAttribute('href');
    const docx = await m.request.get(`${BASE}${href}`);
    expect(docx.status()).toBe(200);
    expect(docx.headers()['content-type']).toContain('wordprocessingml');
    expect((await docx.body()).subarray(0, 2).toString()).toBe('PK');

    await runAction(m, 'apply_confirmation', async () => {
      await fillDate(m, 'field-appliedOn', today);
      await fillText(m, 'field-court', '嘉兴市南湖区人民法院');
      await m.getByTestId('field-jointApplication').click();
    });
    await runAction(m, 'record_confirmation', async () => {
      await fillDate(m, 'field-ruledOn', today);
      await pickRadio(m, 'field-ruling', '裁定调解协议有效');
    });
    await m.getByTestId('case-timeline').getByText('登记法院裁定').waitFor();
    // Performed in full: the case closes and the citizen may rate it.
    await act(m, caseId, 'record_follow_up', { followedUpOn: today, performance: 'full' });

    await track(citizen);
    await citizen.getByTestId('party-action-rate').waitFor();
    await pickRadio(citizen, 'field-level', '满意');
    await citizen.getByTestId('party-submit-rate').click();
    await citizen.getByText('已提交：满意度评价').waitFor();
    const c = await api<{ data: { satisfaction?: { level: string } } }>(admin, 'GET', `/api/v1/cases/${caseId}`);
    expect(c.data.satisfaction?.level).toBe('satisfied');
  });

  it('a dispute handed to 行政复议 shows the link on both case pages', async () => {
    const name = uniqueName();
    const created = await api<{ id: string }>(admin, 'POST', '/api/v1/cases', {
      type: 'mediation',
      input: {
        applicant: { name, phone: '13812345678', idNumber: idNumber(), address: `${town.name}某小区1幢` },
        otherParty: { name: '某街道综合执法队' },
        category: (await api<Category[]>(admin, 'GET', '/api/v1/mediation/categories')).find((c) => c.parentCode)?.code,
        description: '对执法队的罚款决定不服。',
        disputeAddress: `${town.name}某路口`,
        regionCode: town.code,
        channel: 'window',
        receivedOn: today,
      },
    });
    const [respondent] = await api<{ id: string }[]>(admin, 'GET', `/api/v1/agencies?q=${encodeURIComponent('公安')}`);
    await act(admin, created.id, 'hand_off', {
      handedOffOn: today,
      channel: 'reconsideration',
      reason: '属于对行政行为不服，应通过行政复议解决。',
      respondentAgencyId: respondent.id,
      actDescription: '罚款二百元的行政处罚决定',
      actDate: today,
      knownOn: today,
      request: '撤销该处罚决定',
    });
    await admin.goto(`${BASE}/cases/${created.id}`);
    const links = admin.getByTestId('case-links');
    await links.getByText('行政复议').first().waitFor();
    await links.locator('a').first().click();
    await admin.waitForURL((u) => u.pathname.startsWith('/cases/') && !u.pathname.endsWith(created.id));
    await admin.getByTestId('case-links').getByText('人民调解').first().waitFor();
  });
});
