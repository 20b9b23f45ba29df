import type { IndicatorDef, IndicatorFilter } from '../../kernel/cases/manifest.js';

/**
 * 行政应诉 indicators. One case = one 审级 (instance) of one suit; filters in a list are ANDed.
 * A first-instance case closes when the judgment or ruling is served on the agency (state `judged`),
 * so closed_on places it in the year the first instance ended, whatever happens on appeal.
 */
const VERSION = '2024.1';
const first: IndicatorFilter = { kind: 'attr_equals', attr: 'instance', value: 'first' };
const concluded: IndicatorFilter[] = [{ kind: 'closed' }, first, { kind: 'outcome_in', groups: ['first_instance_concluded'] }];
const lost: IndicatorFilter = { kind: 'outcome_in', groups: ['lost'] };
const heard: IndicatorFilter = { kind: 'attr_equals', attr: 'heard', value: true };
const headAppeared: IndicatorFilter = { kind: 'attr_equals', attr: 'head_appeared', value: true };
const headInPerson: IndicatorFilter = { kind: 'attr_equals', attr: 'head_appeared_in_person', value: true };

const RULES = '《最高人民法院关于行政机关负责人出庭应诉若干问题的规定》';

export const indicators: IndicatorDef[] = [
  {
    key: 'litigation.new_first_instance',
    label: { zh: '新收一审应诉案件数', en: 'New first-instance suits' },
    unit: 'count',
    version: VERSION,
    dateField: 'received_on',
    numerator: [{ kind: 'received' }, first],
    definition: {
      zh: '统计期内起诉状副本送达本机关的一审行政诉讼案件数；复议机关作共同被告的案件按一件计。',
      en: 'First-instance suits whose complaint was served on the agency in the period; a suit with the reconsideration organ as co-defendant counts once.',
    },
    source: '《中华人民共和国行政诉讼法》第五十一条、第六十七条',
  },
  {
    key: 'litigation.first_instance_concluded',
    label: { zh: '一审结案数', en: 'First-instance cases concluded' },
    unit: 'count',
    version: VERSION,
    dateField: 'closed_on',
    numerator: concluded,
    definition: {
      zh: '统计期内一审以判决、裁定、调解或撤诉结案（裁判文书送达本机关）的案件数。',
      en: 'First-instance cases ended in the period by judgment, ruling, mediation or withdrawal (date served on the agency).',
    },
    source: '《中华人民共和国行政诉讼法》第六十条、第六十二条、第六十九条至第七十八条、第八十一条',
  },
  {
    key: 'litigation.lost',
    label: { zh: '一审败诉数', en: 'First-instance losses' },
    unit: 'count',
    version: VERSION,
    dateField: 'closed_on',
    numerator: [...concluded, lost],
    definition: {
      zh: '一审判决撤销、部分撤销、履行法定职责、履行给付义务、确认违法、确认无效、补救或赔偿、变更及行政协议履行或补偿的案件数（部分败诉计入）。',
      en: 'First-instance judgments revoking (wholly or partly), ordering performance or payment, confirming illegality or voidness, ordering remedies or compensation, changing the act, or on administrative agreements (partial losses count).',
    },
    source: '《中华人民共和国行政诉讼法》第七十条至第七十八条',
  },
  {
    key: 'litigation.loss_rate',
    label: { zh: '一审败诉率', en: 'First-instance loss rate' },
    unit: 'percent',
    version: VERSION,
    dateField: 'closed_on',
    numerator: [...concluded, lost],
    denominator: concluded,
    definition: {
      zh: '一审败诉率 = 一审败诉案件数 ÷ 一审结案数（含判决、裁定、调解、撤诉）× 100%。口径可切换：分母仅计判决结案；调解结案计为败诉。',
      en: 'Loss rate = first-instance losses ÷ first-instance cases concluded (judgments, rulings, mediation, withdrawals) × 100%. Variants: judgments only as denominator; mediation counted as a loss.',
    },
    source: '《中华人民共和国行政诉讼法》第六十九条至第七十八条；《法治时代》2024（败诉率 = 败诉件 ÷ 审结件）',
    variantSetting: {
      key: 'litigation.loss_rate.variant',
      default: 'all_concluded',
      options: {
        all_concluded: { label: { zh: '分母：全部一审结案', en: 'Denominator: all first-instance cases concluded' } },
        judgments_only: {
          label: { zh: '分母：一审判决结案', en: 'Denominator: first-instance judgments only' },
          denominator: [...concluded, { kind: 'outcome_in', groups: ['judgment'] }],
        },
        mediation_as_lost: {
          label: { zh: '调解结案计为败诉', en: 'Mediation counted as a loss' },
          numerator: [...concluded, { kind: 'outcome_in', groups: ['lost', 'mediation'] }],
        },
      },
    },
  },
  {
    key: 'litigation.head_appearance_rate',
    label: { zh: '行政机关负责人出庭应诉率', en: 'Head-of-agency appearance rate' },
    unit: 'percent',
    version: VERSION,
    dateField: 'closed_on',
    numerator: [{ kind: 'closed' }, first, heard, headAppeared],
    denominator: [{ kind: 'closed' }, first, heard],
    definition: {
      zh: '负责人出庭应诉率 = 开庭审理的一审案件中，正职、副职或参与分管的负责人（开庭前提交身份证明）至少出庭一次的案件数 ÷ 开庭审理的一审案件数 × 100%，按结案日期归期；在线出庭默认计入。口径可切换：仅计现场出庭；计入全部审级。',
      en: 'Rate = first-instance cases heard in court where a qualifying head (principal, deputy or leader in charge, with identity proof filed before the hearing) appeared at least once ÷ first-instance cases heard in court × 100%, by closing date; online appearance counts by default. Variants: in-person only; all instances.',
    },
    source: `《中华人民共和国行政诉讼法》第三条第三款；${RULES}第二条、第六条、第七条；李敏《行政机关负责人出庭应诉率探析》（中国司法2022年第6期）`,
    variantSetting: {
      key: 'litigation.head_appearance_rate.variant',
      default: 'online_counts',
      options: {
        online_counts: { label: { zh: '在线出庭计入', en: 'Online appearance counts' } },
        in_person_only: {
          label: { zh: '仅计现场出庭', en: 'In-person appearance only' },
          numerator: [{ kind: 'closed' }, first, heard, headInPerson],
        },
        all_instances: {
          label: { zh: '计入全部审级（一审、二审）', en: 'All instances (first and second)' },
          numerator: [{ kind: 'closed' }, heard, headAppeared],
          denominator: [{ kind: 'closed' }, heard],
        },
      },
    },
  },
];
