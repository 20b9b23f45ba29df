import type { Label, LegalBasis } from '../../kernel/cases/manifest.js';
import type { ExemptGroup } from './schemas.js';

/**
 * 经济困难审查 as data. The standard is provincial (法律援助法第三十四条); Zhejiang sets it per county
 * as a per-capita household income not lower than the local minimum wage (浙江省法律援助条例第八条).
 * The figure is a setting per county; the built-in default is the 2021 Zhejiang 一档 monthly minimum
 * wage (UNCONFIRMED as the city's current standard). The result is shown to the reviewer, who decides.
 */
export const MEANS_THRESHOLD_DEFAULT = { key: 'legal_aid.means_threshold.default', default: 2280 } as const;
export const meansThresholdKey = (countyCode: string) => `legal_aid.means_threshold.${countyCode}`;
export const MEANS_BASIS: LegalBasis[] = [
  { law: '中华人民共和国法律援助法', article: '第三十四条', note: '经济困难的标准由省级人民政府确定' },
  { law: '浙江省法律援助条例', article: '第八条第二款', note: '县级以上人民政府按家庭人均收入不低于当地最低工资标准确定（UNCONFIRMED：现行数值）' },
];

const AID_LAW = '中华人民共和国法律援助法';

/** Groups the means test does not apply to, with the article that says so. */
export const EXEMPT_BASIS: Record<Exclude<ExemptGroup, 'none'>, { kind: 'no_means_test' | 'no_verification'; basis: LegalBasis }> = {
  hero_relatives: { kind: 'no_means_test', basis: { law: AID_LAW, article: '第三十二条第一项' } },
  good_samaritan: { kind: 'no_means_test', basis: { law: AID_LAW, article: '第三十二条第二项' } },
  wrongful_conviction: { kind: 'no_means_test', basis: { law: AID_LAW, article: '第三十二条第三项' } },
  abuse_victim: { kind: 'no_means_test', basis: { law: AID_LAW, article: '第三十二条第四项' } },
  art32_other: { kind: 'no_means_test', basis: { law: AID_LAW, article: '第三十二条第五项' } },
  vulnerable_no_income: { kind: 'no_verification', basis: { law: AID_LAW, article: '第四十二条第一项' } },
  assistance_recipient: { kind: 'no_verification', basis: { law: AID_LAW, article: '第四十二条第二项' } },
  migrant_worker: { kind: 'no_verification', basis: { law: AID_LAW, article: '第四十二条第三项' } },
  art42_other: { kind: 'no_verification', basis: { law: AID_LAW, article: '第四十二条第四项' } },
};
/** 通知辩护: the court, procuratorate or police appoint; there is no application to test. */
const NOTIFIED_BASIS: LegalBasis = { law: AID_LAW, article: '第二十五条、第三十六条' };

export interface MeansInput {
  householdSize?: number;
  householdMonthlyIncome?: number;
  exemptGroup?: ExemptGroup;
  integrityPledge?: boolean;
  channel?: string;
}

export interface MeansTest {
  /** Whether the hardship test applies at all. */
  required: boolean;
  exemptBasis: LegalBasis | null;
  perCapita: number | null;
  threshold: number | null;
  /** The setting the threshold came from (per county, or the default). */
  thresholdSource: string | null;
  /** true: hardship shown; false: income above the threshold; null: household data still missing. */
  passed: boolean | null;
  integrityPledge: boolean;
  explanation: Label;
}

const fmt = (n: number) => n.toLocaleString('en-US', { maximumFractionDigits: 2 });

/**
 * The test itself, pure: `threshold(county)` returns the value and the setting key it came from.
 * At the threshold exactly the applicant is in hardship (收入不高于标准).
 */
export function meansTest(input: MeansInput, threshold: { value: number; source: string }): MeansTest {
  const pledge = input.integrityPledge ?? false;
  if (input.channel === 'notified_by_court')
    return {
      required: false, exemptBasis: NOTIFIED_BASIS, perCapita: null, threshold: null, thresholdSource: null, passed: true, integrityPledge: pledge,
      explanation: { zh: '通知辩护案件，不审查经济困难状况（法律援助法第二十五条、第三十六条）', en: 'Appointed defence on notice: no means test (Arts 25, 36)' },
    };
  const group = input.exemptGroup ?? 'none';
  if (group !== 'none') {
    const e = EXEMPT_BASIS[group];
    const zh = e.kind === 'no_means_test' ? '不受经济困难条件的限制' : '免予核查经济困难状况（须有材料证明）';
    const en = e.kind === 'no_means_test' ? 'not subject to the hardship condition' : 'exempt from verifying hardship (on proof)';
    return {
      required: false, exemptBasis: e.basis, perCapita: null, threshold: null, thresholdSource: null, passed: true, integrityPledge: pledge,
      explanation: { zh: `申请人属于法律援助法${e.basis.article}规定的情形，${zh}`, en: `The applicant falls under Art ${e.basis.article} of the Legal Aid Law: ${en}` },
    };
  }
  if (input.householdSize === undefined || input.householdMonthlyIncome === undefined)
    return {
      required: true, exemptBasis: null, perCapita: null, threshold: threshold.value, thresholdSource: threshold.source, passed: null, integrityPledge: pledge,
      explanation: { zh: '家庭人口及收入情况尚未提供，需补充后审查', en: 'Household size and income not yet given; supply them before the review' },
    };
  const perCapita = Math.round((input.householdMonthlyIncome / input.householdSize) * 100) / 100;
  const passed = perCapita <= threshold.value;
  return {
    required: true, exemptBasis: null, perCapita, threshold: threshold.value, thresholdSource: threshold.source, passed, integrityPledge: pledge,
    explanation: passed
      ? {
          zh: `家庭人均月收入${fmt(perCapita)}元，不高于经济困难标准${fmt(threshold.value)}元，符合经济困难条件`,
          en: `Monthly income per head ${fmt(perCapita)} yuan is not above the hardship standard of ${fmt(threshold.value)} yuan: eligible`,
        }
      : {
          zh: `家庭人均月收入${fmt(perCapita)}元，高于经济困难标准${fmt(threshold.value)}元，不符合经济困难条件`,
          en: `Monthly income per head ${fmt(perCapita)} yuan exceeds the hardship standard of ${fmt(threshold.value)} yuan: not eligible on means`,
        },
  };
}

/** The threshold for a county: its own setting, else the city default setting, else the built-in default. */
export async function thresholdFor(setting: (key: string) => Promise<unknown>, regionCode: string): Promise<{ value: number; source: string }> {
  const countyKey = meansThresholdKey(regionCode.slice(0, 6));
  for (const key of [countyKey, MEANS_THRESHOLD_DEFAULT.key]) {
    const v = await setting(key);
    if (v !== undefined && v !== null && Number.isFinite(Number(v))) return { value: Number(v), source: key };
  }
  return { value: MEANS_THRESHOLD_DEFAULT.default, source: MEANS_THRESHOLD_DEFAULT.key };
}
