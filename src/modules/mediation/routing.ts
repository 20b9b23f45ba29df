import type { SQL } from 'drizzle-orm';
import { type Orm, one, rows, sql } from '../../kernel/db/client.js';
import type { Label } from '../../kernel/cases/manifest.js';
import { Problem, field, problems } from '../../kernel/http/problem.js';
import { pgTextArray } from '../../kernel/identity/users.js';

/**
 * The routing engine (禾解码-style triage): rules are rows of `routing_rule`, committees rows of
 * `mediation_committee`, mediators entries of the `mediator` register. Every decision comes with
 * reasons a person can read ("show why"), and the same inputs always give the same answer.
 */

export type Level = 'village' | 'town' | 'county' | 'industry';
type Target = 'industry' | 'village' | 'town' | 'county';

export interface Committee {
  id: string;
  name: string;
  level: Level;
  industry: string | null;
  regionCode: string;
}

export interface MediatorChoice {
  id: string;
  name: string;
  userId: string | null;
  workload: number;
  specialist: boolean;
  sameRegion: boolean;
}

export interface Routing {
  committeeId: string;
  committeeName: string;
  level: Level;
  /** False at the county centre: there is no higher level to pass the dispute to. */
  escalatable: boolean;
  mediatorId: string | null;
  mediatorName: string | null;
  /** The suggested mediator's account, when they have one: they become the lead at once. */
  mediatorUserId: string | null;
  rule: { id: string | null; note: Label };
  reasons: Label[];
}

interface Place {
  code: string;
  name: string;
  path: string;
}

interface Category {
  code: string;
  name: string;
  /** The category and its ancestors: a rule or specialty naming a parent covers the child. */
  lineage: string[];
}

const COMMITTEE_COLUMNS = sql`a.id, a.name, mc.level, mc.industry, a.region_code as "regionCode"`;

/**
 * What routing starts from, in one statement: the category with its ancestors, the place, and the
 * active rules that may apply to the category (in priority order).
 */
async function loadRoutingContext(tx: Orm, code: string, regionCode: string): Promise<{ cat: Category; place: Place; rules: RuleRow[] }> {
  const r = await one<{ name: string | null; lineage: string[] | null; place: Place | null; rules: RuleRow[] | null }>(
    tx,
    sql`with recursive up(code, parent_code, name, depth) as (
          select code, parent_code, name_zh, 0 from dispute_category where code = ${code}
          union all select d.code, d.parent_code, d.name_zh, up.depth + 1 from dispute_category d join up on d.code = up.parent_code),
        cat as (select (select name from up where depth = 0) as name, array_agg(code order by depth) as lineage from up)
        select cat.name, cat.lineage,
          (select json_build_object('code', code, 'name', name, 'path', path) from region where code = ${regionCode}) as place,
          (select json_agg(x order by x.priority, x.id) from (
             select id, priority, target, industry, note_zh, note_en, category_codes from routing_rule
             where active and (cardinality(category_codes) = 0 or category_codes && cat.lineage)) x) as rules
        from cat`,
  );
  if (!r?.name || !r.lineage) throw problems.validation([field('category', '纠纷类别不存在', 'Unknown dispute category')]);
  if (!r.place) throw problems.validation([field('regionCode', '纠纷发生地不存在', 'Unknown region')]);
  return { cat: { code, name: r.name, lineage: r.lineage }, place: r.place, rules: r.rules ?? [] };
}

/** The nearest committee of a kind serving the place: its own region first, then up the tree. */
async function committeeFor(tx: Orm, place: Place, target: Target, industry: string | null, cat: Category): Promise<Committee | undefined> {
  const accepts = sql`(cardinality(mc.accepts) = 0 or mc.accepts && ${pgTextArray(cat.lineage)}::text[])`;
  if (target === 'village')
    // A village committee sits below the town; which village is not known from a town code alone.
    return one<Committee>(
      tx,
      sql`select ${COMMITTEE_COLUMNS} from mediation_committee mc join agency a on a.id = mc.agency_id join region r on r.code = a.region_code
          where mc.level = 'village' and r.path like ${`${place.path}%`} and ${accepts} order by a.name limit 1`,
    );
  if (target === 'town')
    return one<Committee>(
      tx,
      sql`select ${COMMITTEE_COLUMNS} from mediation_committee mc join agency a on a.id = mc.agency_id
          where mc.level = 'town' and a.region_code = ${place.code} and ${accepts} order by a.name limit 1`,
    );
  return one<Committee>(
    tx,
    sql`select ${COMMITTEE_COLUMNS} from mediation_committee mc join agency a on a.id = mc.agency_id join region r on r.code = a.region_code
        where mc.level = ${target} ${target === 'industry' ? sql`and mc.industry = ${industry}` : sql``}
          and ${place.path} like r.path || '%' and ${accepts}
        order by length(r.path) desc, a.name limit 1`,
  );
}

interface RuleRow {
  id: string;
  target: Target;
  industry: string | null;
  note_zh: string;
  note_en: string;
  category_codes: string[];
}

const LEVEL_LABEL: Record<Level, Label> = {
  village: { zh: '村（社区）', en: 'village' },
  town: { zh: '乡镇（街道）', en: 'town' },
  county: { zh: '县级矛调中心', en: 'county centre' },
  industry: { zh: '行业性', en: 'industry' },
};

const CENTRE_RULE: Label = { zh: '兜底：交县级社会矛盾纠纷调处化解中心', en: 'Fallback: the county dispute resolution centre' };

/**
 * Picks the committee and the mediator for a dispute. `above` forces a level (escalation after a
 * decline or a lapsed acceptance period); otherwise the first active rule that matches the category
 * and finds a committee decides, and the county centre is the fallback.
 */
export async function route(tx: Orm, q: { category: string; regionCode: string; above?: Level; exclude?: string[] }): Promise<Routing> {
  const { cat, place, rules } = await loadRoutingContext(tx, q.category, q.regionCode);
  const reasons: Label[] = [];
  let committee: Committee | undefined;
  let rule: Routing['rule'] = { id: null, note: CENTRE_RULE };

  if (q.above) {
    const next: Target = q.above === 'village' ? 'town' : 'county';
    if (q.above === 'county')
      throw new Problem(409, 'no-higher-level', '县级矛调中心已是最高层级，不能再上移', 'The county centre is the top level; the dispute cannot move further up');
    committee = await committeeFor(tx, place, next, null, cat);
    rule = { id: null, note: { zh: `上移一级：${LEVEL_LABEL[q.above].zh}→${LEVEL_LABEL[next].zh}`, en: `One level up: ${LEVEL_LABEL[q.above].en} → ${LEVEL_LABEL[next].en}` } };
    if (committee) reasons.push({ zh: `原调委会未受理，上移至${committee.name}`, en: `Not accepted below; moved up to ${committee.name}` });
  } else {
    for (const r of rules) {
      const found = await committeeFor(tx, place, r.target, r.industry, cat);
      if (found && !q.exclude?.includes(found.id)) {
        committee = found;
        rule = { id: r.id, note: { zh: r.note_zh, en: r.note_en } };
        const byCategory = r.category_codes.length > 0;
        reasons.push(
          byCategory
            ? { zh: `按类别「${cat.name}」规则交${found.name}（${r.note_zh}）`, en: `Rule: ${r.note_en} → ${found.name}` }
            : { zh: `按纠纷发生地「${place.name}」交${found.name}（${r.note_zh}）`, en: `By place (${place.name}): ${r.note_en} → ${found.name}` },
        );
        break;
      }
      reasons.push({ zh: `规则「${r.note_zh}」未找到可受理的调委会，改按下一规则`, en: `Rule "${r.note_en}" found no committee; next rule` });
    }
  }
  if (!committee) {
    committee = await committeeFor(tx, place, 'county', null, cat);
    rule = { id: null, note: CENTRE_RULE };
    if (committee) reasons.push({ zh: `${CENTRE_RULE.zh}：${committee.name}`, en: `${CENTRE_RULE.en}: ${committee.name}` });
  }
  if (!committee)
    throw new Problem(422, 'no-committee', `「${place.name}」尚未设立可受理的人民调解委员会`, `No mediation committee serves ${place.code}`);

  const mediator = await chooseMediator(tx, committee.id, cat, place.code);
  if (mediator) reasons.push(mediatorReason(mediator, cat));
  else reasons.push({ zh: `${committee.name}暂无在岗调解员，待调委会指定`, en: `${committee.name} has no active mediator; the committee will assign one` });
  return {
    committeeId: committee.id,
    committeeName: committee.name,
    level: committee.level,
    escalatable: committee.level !== 'county',
    mediatorId: mediator?.id ?? null,
    mediatorName: mediator?.name ?? null,
    mediatorUserId: mediator?.userId ?? null,
    rule,
    reasons,
  };
}

function mediatorReason(m: MediatorChoice, cat: Category): Label {
  const parts = [m.specialist ? `擅长${cat.name}` : `无擅长${cat.name}的调解员`, `当前在办 ${m.workload} 件（最少）`];
  if (m.sameRegion) parts.push('同属纠纷发生地');
  return {
    zh: `调解员${m.name}：${parts.join('、')}`,
    en: `Mediator ${m.name}: ${m.specialist ? `specialises in ${cat.code}` : 'no specialist available'}, ${m.workload} open cases (fewest)${m.sameRegion ? ', same town' : ''}`,
  };
}

/**
 * Among the committee's active mediators: a specialist in the category first, then one under their
 * capacity, then the fewest open disputes, then one from the dispute's town; ties by name.
 */
export async function chooseMediator(tx: Orm, committeeId: string, cat: Category, regionCode: string): Promise<MediatorChoice | undefined> {
  const list = await mediatorsOf(tx, committeeId);
  const ranked = list
    .map((m) => ({ ...m, specialist: m.specialties.some((s) => cat.lineage.includes(s)), sameRegion: m.regionCode === regionCode }))
    .sort(
      (a, b) =>
        Number(b.specialist) - Number(a.specialist) ||
        Number(a.workload >= a.capacity) - Number(b.workload >= b.capacity) ||
        a.workload - b.workload ||
        Number(b.sameRegion) - Number(a.sameRegion) ||
        (a.name < b.name ? -1 : a.name > b.name ? 1 : a.id < b.id ? -1 : 1),
    );
  const m = ranked[0];
  return m && { id: m.id, name: m.name, userId: m.userId, workload: m.workload, specialist: m.specialist, sameRegion: m.sameRegion };
}

export interface MediatorRow {
  id: string;
  name: string;
  userId: string | null;
  regionCode: string | null;
  specialties: string[];
  capacity: number;
  workload: number;
}

/** Workload = open disputes naming the mediator (lead or co-mediator), or led by their account. */
export async function mediatorsOf(tx: Orm, committeeId: string): Promise<MediatorRow[]> {
  return rows<MediatorRow>(
    tx,
    sql`select e.id, e.title as name, e.data->>'userId' as "userId", e.region_code as "regionCode",
          coalesce(array(select jsonb_array_elements_text(e.data->'specialties')), '{}') as specialties,
          coalesce((e.data->>'capacity')::int, 10) as capacity,
          (select count(*)::int from fz_case c
            where c.type = 'mediation' and c.state_category <> 'closed'
              and (c.data -> 'mediatorIds' ? e.id::text or c.assignee_id = (e.data->>'userId')::uuid)) as workload
        from register_entry e
        where e.register = 'mediator' and e.status = 'active' and e.data->>'committeeAgencyId' = ${committeeId}
        order by e.title, e.id`,
  );
}

/** Mediators by register id, for an explicit assignment at acceptance. */
export async function mediatorsById(tx: Orm, ids: string[]): Promise<{ id: string; name: string; userId: string | null; active: boolean }[]> {
  if (!ids.length) return [];
  return rows(
    tx,
    sql`select id, title as name, data->>'userId' as "userId", status = 'active' as active from register_entry
        where register = 'mediator' and id in (${sql.join(ids.map((i) => sql`${i}::uuid`), sql`, `)})`,
  );
}

/** What the routing writes into the case (data.routing, the mediator suggestion) and the event note. */
export function routingResolution(r: Routing) {
  return {
    agencyId: r.committeeId,
    assigneeId: r.mediatorUserId,
    data: { routing: r, mediatorIds: r.mediatorId ? [r.mediatorId] : [] },
    note: { routing: { committeeName: r.committeeName, mediatorName: r.mediatorName, rule: r.rule.note, reasons: r.reasons } },
  };
}

// ── similar open disputes ──────────────────────────────────────────────────────────────────────

export interface Similar {
  caseId: string;
  number: string | null;
  title: string;
  state: string;
  reasons: Label[];
}

/** Normalised for comparison: whitespace and punctuation do not make two places different. */
export function normaliseAddress(a: string): string {
  return a.replace(/[\s,，。.、·()（）\-—#号]/g, '').toLowerCase();
}

/**
 * Open mediation cases that share a party's phone (by keyed hash) or the dispute place in the same
 * town. `scope` restricts the search to what the caller may see (staff lookups); intake checks all.
 */
export async function findSimilar(
  tx: Orm,
  q: { phoneHashes: string[]; names?: string[]; address?: string; regionCode?: string; excludeId?: string | null; scope?: SQL },
): Promise<Similar[]> {
  const addr = q.address ? normaliseAddress(q.address) : '';
  const conds = [];
  // Driven from the matching party rows (indexed), not from every open case.
  if (q.phoneHashes.length) conds.push(sql`c.id in (select p.case_id from party p where p.phone_hash in (${sql.join(q.phoneHashes.map((h) => sql`${h}`), sql`, `)}))`);
  if (q.names?.length) conds.push(sql`c.id in (select p.case_id from party p where p.name in (${sql.join(q.names.map((n) => sql`${n}`), sql`, `)}))`);
  if (addr && q.regionCode) conds.push(sql`(c.region_code = ${q.regionCode} and c.data->>'disputeAddressKey' = ${addr})`);
  if (!conds.length) return [];
  const found = await rows<{ id: string; number: string | null; title: string; state: string; by_phone: boolean; by_name: boolean; by_address: boolean }>(
    tx,
    sql`select c.id, c.number, c.title, c.state,
          ${q.phoneHashes.length ? sql`exists (select 1 from party p where p.case_id = c.id and p.phone_hash in (${sql.join(q.phoneHashes.map((h) => sql`${h}`), sql`, `)}))` : sql`false`} as by_phone,
          ${q.names?.length ? sql`exists (select 1 from party p where p.case_id = c.id and p.name in (${sql.join(q.names.map((n) => sql`${n}`), sql`, `)}))` : sql`false`} as by_name,
          ${addr && q.regionCode ? sql`(c.region_code = ${q.regionCode} and c.data->>'disputeAddressKey' = ${addr})` : sql`false`} as by_address
        from fz_case c
        where c.type = 'mediation' and c.state_category <> 'closed' ${q.excludeId ? sql`and c.id <> ${q.excludeId}` : sql``}
          and (${sql.join(conds, sql` or `)}) ${q.scope ? sql`and ${q.scope}` : sql``}
        order by c.received_on desc, c.id limit 20`,
  );
  return found.map((f) => ({
    caseId: f.id,
    number: f.number,
    title: f.title,
    state: f.state,
    reasons: [
      ...(f.by_phone ? [{ zh: '当事人联系电话相同', en: 'A party has the same phone number' }] : []),
      ...(f.by_name ? [{ zh: '当事人姓名相同', en: 'A party has the same name' }] : []),
      ...(f.by_address ? [{ zh: '同一乡镇、同一纠纷发生地点', en: 'Same place in the same town' }] : []),
    ],
  }));
}
