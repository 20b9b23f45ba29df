import { type Orm, one, sql } from '../db/client.js';
import type { NumberingRule } from './manifest.js';

/**
 * Gap-free 案号: the counter row is incremented inside the action's transaction, so its row lock
 * serialises concurrent numbering for the same organ and year, and a rollback returns the number.
 */
export async function nextCaseNumber(
  tx: Orm,
  rule: NumberingRule,
  ctx: { type: string; agencyId: string | null; abbr: string; year: number },
): Promise<string> {
  const scopeKey = rule.scope === 'agency' ? `${ctx.type}:${ctx.agencyId ?? '-'}` : ctx.type;
  const r = await one<{ next_value: number }>(
    tx,
    sql`insert into case_number_seq (scope_key, year, next_value) values (${scopeKey}, ${ctx.year}, 1)
        on conflict (scope_key, year) do update set next_value = case_number_seq.next_value + 1
        returning next_value`,
  );
  return formatNumber(rule.pattern, { abbr: ctx.abbr, year: ctx.year, seq: r!.next_value });
}

export function formatNumber(pattern: string, v: { abbr: string; year: number; seq: number }): string {
  return pattern.replace('{abbr}', v.abbr).replace('{year}', String(v.year)).replace('{seq}', String(v.seq));
}
