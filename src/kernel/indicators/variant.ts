import { appendAudit } from '../audit/log.js';
import type { Registry } from '../cases/registry.js';
import type { Orm } from '../db/client.js';
import { field, problems } from '../http/problem.js';
import type { Actor } from '../identity/types.js';
import { getSetting, putSetting } from '../settings.js';
import { findIndicator, type IndicatorSummary, resolveFormula, summarize } from './catalog.js';

/**
 * Switch an indicator's 口径. The choice is a setting (shared by every indicator naming the same
 * setting key), recorded in the audit chain with the old and new option, in the caller's transaction.
 */
export async function setIndicatorVariant(
  tx: Orm,
  registry: Registry,
  key: string,
  variant: string,
  actor: Actor,
): Promise<IndicatorSummary> {
  const entry = findIndicator(registry, key);
  if (!entry) throw problems.notFound('indicator', '指标');
  const vs = entry.def.variantSetting;
  if (!vs)
    throw problems.conflict('no-variants', '该指标只有一种口径，无法切换', 'This indicator has a single definition; there is no variant to choose');
  if (!Object.hasOwn(vs.options, variant))
    throw problems.validation([
      field('variant', `口径应为：${Object.keys(vs.options).join('、')}`, `variant must be one of: ${Object.keys(vs.options).join(', ')}`),
    ]);
  const before = resolveFormula(entry.def, await getSetting<unknown>(tx, vs.key, undefined)).variant;
  await putSetting(tx, vs.key, variant, actor.id);
  await appendAudit(tx, {
    actor,
    action: 'setting_change',
    target: `setting:${vs.key}`,
    detail: { indicator: key, from: before, to: variant },
  });
  return summarize(entry, variant);
}
