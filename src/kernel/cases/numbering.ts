import type { SQL } from 'drizzle-orm';
import { sql } from '../db/client.js';
import type { NumberingRule } from './manifest.js';

/**
 * Gap-free 案号 per organ (or type) and year: the counter row is incremented in a CTE of the action's
 * single write statement. Its row lock serialises concurrent numbering for the same organ and year
 * (and a rollback returns the number), but only for that statement and the commit — not while the
 * rest of the action is computed. `value` is the formatted number, for use in the same statement.
 */
export function numberCte(rule: NumberingRule, ctx: { type: string; agencyId: string | null; abbr: string; year: number }): { cte: SQL; value: SQL } {
  const scopeKey = rule.scope === 'agency' ? `${ctx.type}:${ctx.agencyId ?? '-'}` : ctx.type;
  const [before, after] = rule.pattern.replace('{abbr}', ctx.abbr).replace('{year}', String(ctx.year)).split('{seq}');
  return {
    cte: sql`num as (insert into case_number_seq (scope_key, year, next_value) values (${scopeKey}, ${ctx.year}, 1)
        on conflict (scope_key, year) do update set next_value = case_number_seq.next_value + 1
        returning next_value)`,
    value: sql`(${before ?? ''} || (select next_value from num)::text || ${after ?? ''})`,
  };
}
