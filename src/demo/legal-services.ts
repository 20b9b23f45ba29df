import { rows, sql } from '../kernel/db/client.js';
import { createUser } from '../kernel/identity/users.js';
import { SYSTEM_ACTOR } from '../kernel/identity/types.js';
import { makeCreditCode } from '../kernel/org/validators.js';
import { insertEntries } from '../kernel/registers/insert-entries.js';
import { createPush, type DeliveryState } from '../modules/legal-services/push.js';
import { CHANNELS, INDUSTRIES, PUSH_CHANNELS, SCALES, TOPICS } from '../modules/legal-services/schemas.js';
import type { DemoContext, DemoPartResult } from './context.js';
import { DEMO_PASSWORD } from './users.js';

/**
 * 嘉兴市 2021 "网格连企、法治同行": enterprises in the 72 towns, then consultations, guideline pushes
 * and 法治体检 through the register bulk path. Only the volumes are decided here; the report's
 * figures (20347 次咨询, 9155 次推送, 20480 次体检) come out of the register indicators.
 */
export const LEGAL_SERVICES_VOLUME = {
  full: { enterprises: 6000, consultations: 20347, deliveries: 9155, healthChecks: 20480 },
  small: { enterprises: 600, consultations: 2035, deliveries: 916, healthChecks: 2048 },
} as const;

const WORDS = ['嘉禾', '南湖', '秀水', '禾城', '运河', '梅湾', '月河', '子城', '鸳鸯', '烟雨', '长水', '槜李', '濮院', '乌镇', '西塘', '盐官'];
const KINDS = ['纺织有限公司', '机械制造有限公司', '食品有限公司', '建材有限公司', '物流有限公司', '电子科技有限公司', '餐饮管理有限公司', '服饰有限公司'];
const SURNAMES = '王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏';
const LAWYERS = ['王律师', '李律师', '张律师', '陈律师', '沈律师', '朱律师', '钱律师', '顾律师'];
const CHECK_ITEMS = ['劳动合同签订', '社保缴纳', '合同管理制度', '知识产权保护', '安全生产制度', '税务合规', '环保许可', '数据与个人信息保护'];
const RISK_AREAS = ['劳动用工', '合同履约', '知识产权', '税务', '安全生产', '环境保护'];
const QUESTIONS: Record<keyof typeof TOPICS, string[]> = {
  labour: ['试用期解除劳动合同是否需要支付经济补偿？', '员工拒绝加班能否解除合同？'],
  contract: ['对方逾期付款如何主张违约金？', '合同未盖章是否有效？'],
  ip: ['商标被抢注如何处理？', '员工离职带走技术资料怎么办？'],
  financing: ['民间借贷利率上限是多少？', '应收账款质押如何登记？'],
  tax: ['小微企业所得税优惠如何申报？', '发票丢失如何处理？'],
  licensing: ['食品经营许可证延续需要哪些材料？', '排污许可变更如何办理？'],
  other: ['企业注销流程如何办理？', '股东退出如何办理变更？'],
};

const pad2 = (n: number) => String(n).padStart(2, '0');

export async function generateLegalServicesDemo(d: DemoContext): Promise<DemoPartResult> {
  const { k, r } = d;
  const vol = LEGAL_SERVICES_VOLUME[d.volume];
  const day = () => `${d.year}-${pad2(r.int(1, 12))}-${pad2(r.int(1, 28))}`;
  const towns = (await rows<{ code: string; county: string }>(k.db.orm, sql`select code, parent_code as county from region where level = 'town' order by code`)).map((t) => t);
  if (!towns.length) throw new Error('no towns seeded');
  const industries = Object.keys(INDUSTRIES) as (keyof typeof INDUSTRIES)[];
  const actor = SYSTEM_ACTOR;

  return k.db.tx(async (tx) => {
    const user = await createUser(tx, { username: 'qiye', displayName: '钱企服', password: DEMO_PASSWORD, roles: ['legal_services_staff'], regionCode: '330400', agencyId: d.org.justiceBureau.id });

    const enterprises = Array.from({ length: vol.enterprises }, (_, i) => {
      const town = towns[i % towns.length];
      return {
        name: `${r.pick(WORDS)}${r.pick(WORDS)}${i + 1}号${r.pick(KINDS)}`,
        // 9 (工商) + 1 (企业) + the county + a serial: synthetic but valid GB 32100 codes.
        creditCode: makeCreditCode(`91${town.county}${String(i + 1).padStart(8, '0')}X`),
        industry: r.pick(industries),
        scale: r.pick(Object.keys(SCALES)),
        regionCode: town.code,
        gridCode: `${town.code}-${pad2(r.int(1, 20))}`,
        contactName: `${r.pick([...SURNAMES])}经理`,
        contactPhone: `13${r.int(5, 9)}${String(r.int(0, 99_999_999)).padStart(8, '0')}`,
      };
    });
    const { ids: entIds } = await insertEntries(k, tx, 'enterprise', enterprises, actor, { action: 'import' });

    const topics = Object.keys(TOPICS) as (keyof typeof TOPICS)[];
    const consultations = Array.from({ length: vol.consultations }, () => {
      const topic = r.pick(topics);
      return {
        enterprise: r.pick(entIds),
        channel: r.pick(Object.keys(CHANNELS)),
        topic,
        question: r.pick(QUESTIONS[topic]),
        answer: '已结合相关法律法规给予解答，并提示留存书面证据。',
        answeredBy: r.pick(LAWYERS),
        consultedOn: day(),
        durationMinutes: r.int(5, 90),
      };
    });
    await insertEntries(k, tx, 'consultation', consultations, actor, { action: 'import' });

    const guidelines = topics.map((topic, i) => ({
      title: `企业${TOPICS[topic].zh}法律服务指引（2021版）`,
      topic,
      issuedOn: `${d.year}-${pad2(i + 1)}-10`,
      summary: `面向中小企业的${TOPICS[topic].zh}常见法律风险与应对要点。`,
    }));
    const { ids: guideIds } = await insertEntries(k, tx, 'guideline', guidelines, actor, { action: 'import' });

    // Pushes to target sets (two industries in one county, or one industry city-wide) until exactly
    // the planned deliveries; the last push's set is capped.
    const counties = [...new Set(towns.map((t) => t.county))];
    let remaining: number = vol.deliveries;
    let pushes = 0;
    let read = 0;
    for (let i = 0; remaining > 0; i++) {
      if (i > 500) throw new Error('push targets exhausted');
      const target =
        i % 3 === 2
          ? { industries: [r.pick(industries)], regionCodes: [] }
          : { industries: r.shuffle(industries).slice(0, 2), regionCodes: [r.pick(counties)] };
      const guideIdx = i % guideIds.length;
      const pushedOn = `${d.year}-${pad2((i % 11) + 1)}-${pad2(r.int(1, 28))}`;
      const state = (): DeliveryState => {
        const x = r.next();
        if (x < 0.62) {
          read++;
          return { status: 'read', readAt: pushedOn };
        }
        return { status: x < 0.87 ? 'delivered' : 'sent' };
      };
      try {
        const res = await createPush(
          k,
          tx,
          { guideline: guideIds[guideIdx], target, pushedOn, channel: r.pick(Object.keys(PUSH_CHANNELS)), limit: remaining },
          actor,
          { deliveryState: state },
        );
        remaining -= res.deliveries;
        pushes++;
      } catch (e) {
        // An empty target set: choose another.
        if ((e as { status?: number }).status !== 400) throw e;
      }
    }

    let withRisks = 0;
    let rectified = 0;
    let risksFound = 0;
    const checks = Array.from({ length: vol.healthChecks }, () => {
      const checkedOn = `${d.year}-${pad2(r.int(1, 11))}-${pad2(r.int(1, 28))}`;
      const nRisks = r.chance(0.45) ? r.int(1, 3) : 0;
      const risks = Array.from({ length: nRisks }, () => ({ area: r.pick(RISK_AREAS), level: r.pick(['high', 'medium', 'low']), description: '制度不健全，存在法律风险' }));
      const items = r.shuffle(CHECK_ITEMS).slice(0, 4).map((item, j) => ({ item, result: j < nRisks ? 'risk' : 'ok' }));
      risksFound += nRisks;
      let status = 'checked';
      let rectification: { date: string; note: string } | undefined;
      if (nRisks) {
        withRisks++;
        const x = r.next();
        if (x < 0.72) {
          status = 'rectified';
          rectified++;
          rectification = { date: checkedOn.replace(/-\d{2}$/, '-28'), note: '已按法律意见完成整改，回访确认' };
        } else if (x < 0.9) status = 'rectifying';
      }
      return { enterprise: r.pick(entIds), checkedOn, checkedBy: r.pick(LAWYERS), items, risks, advice: nRisks ? '建议完善相关制度并留存书面记录。' : undefined, status, rectification };
    });
    await insertEntries(k, tx, 'health_check', checks, actor, { action: 'import' });

    return {
      logins: [{ username: 'qiye', password: DEMO_PASSWORD, role: '企业法律服务 / legal services staff (city)', id: user.id, displayName: '钱企服' }],
      counts: {
        enterprises: entIds.length,
        consultations: consultations.length,
        guidelines: guideIds.length,
        pushes,
        deliveries: vol.deliveries,
        deliveriesRead: read,
        healthChecks: checks.length,
        healthChecksWithRisks: withRisks,
        healthChecksRectified: rectified,
        risksFound,
      },
    };
  });
}
