import type { SQL } from 'drizzle-orm';
import { type Orm, rows, sql } from '../db/client.js';
import type { NumberingRule } from './manifest.js';

/** Which counter a 案号 comes from and how it is formatted around the sequence number. */
export interface NumberNeed {
  scopeKey: string;
  year: number;
  before: string;
  after: string;
}

export function numberNeed(rule: NumberingRule, ctx: { type: string; agencyId: string | null; abbr: string; year: number }): NumberNeed {
  const scopeKey = rule.scope === 'agency' ? `${ctx.type}:${ctx.agencyId ?? '-'}` : ctx.type;
  const [before, after] = rule.pattern.replace('{abbr}', ctx.abbr).replace('{year}', String(ctx.year)).split('{seq}');
  return { scopeKey, year: ctx.year, before: before ?? '', after: after ?? '' };
}

export function formatNumber(need: NumberNeed, seq: number): string {
  return `${need.before}${seq}${need.after}`;
}

/**
 * Gap-free 案号 per organ (or type) and year: the counter row is incremented in a CTE of the action's
 * single write statement. Its row lock serialises concurrent numbering for the same organ and year
 * (and a rollback returns the number), but only for that statement and the commit — not while the
 * rest of the action is computed. `value` is the formatted number, for use in the same statement.
 */
export function numberCte(need: NumberNeed): { cte: SQL; value: SQL } {
  return {
    cte: sql`num as (insert into case_number_seq (scope_key, year, next_value) values (${need.scopeKey}, ${need.year}, 1)
        on conflict (scope_key, year) do update set next_value = case_number_seq.next_value + 1
        returning next_value)`,
    value: sql`(${need.before} || (select next_value from num)::text || ${need.after})`,
  };
}

/**
 * Reserves `count` consecutive numbers per counter in one statement (the bulk history path) and
 * returns the first of each block. The upsert takes the row lock even for a counter that did not
 * exist yet, which a `select … for update` cannot; keys go in sorted order so that two bulk writers
 * never lock the same counters in opposite orders.
 */
export async function reserveNumbers(tx: Orm, counts: Map<string, { scopeKey: string; year: number; count: number }>): Promise<Map<string, number>> {
  const first = new Map<string, number>();
  const keys = [...counts.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  if (!keys.length) return first;
  const got = await rows<{ scope_key: string; year: number; next_value: number }>(
    tx,
    sql`insert into case_number_seq (scope_key, year, next_value)
      values ${sql.join(keys.map(([, c]) => sql`(${c.scopeKey}, ${c.year}, ${c.count})`), sql`, `)}
      on conflict (scope_key, year) do update set next_value = case_number_seq.next_value + excluded.next_value
      returning scope_key, year, next_value`,
  );
  for (const [key, c] of keys) {
    const row = got.find((g) => g.scope_key === c.scopeKey && Number(g.year) === c.year);
    if (!row) throw new Error(`case_number_seq: no row returned for ${key}`);
    first.set(key, Number(row.next_value) - c.count + 1);
  }
  return first;
}

export const numberKey = (n: Pick<NumberNeed, 'scopeKey' | 'year'>) => `${n.scopeKey}\u0000${n.year}`;
