/** What the register pages share: the definitions, value display and the module a register belongs to. */
import { useQuery } from '@tanstack/react-query';
import type { RegisterInfo } from '../../api.js';
import { registers } from '../../api.js';
import { displayValue, fieldLabel, type JsonSchema, unwrap } from '../../components/schema.js';
import type { Lang } from '../../i18n.js';

export function useRegisterDefs(enabled = true) {
  return useQuery({ queryKey: ['register-defs'], queryFn: registers.defs, staleTime: 10 * 60 * 1000, enabled, retry: false });
}

/** `legal_services.consultation.read` → `legal_services`: the module owning the register. */
export function moduleOf(def: Pick<RegisterInfo, 'permissions' | 'key'>): string {
  return (def.permissions?.read ?? def.key).split('.')[0];
}

/** A value at a dot path of an entry's data (`enterprise.name`). */
export function atPath(data: Record<string, unknown> | null | undefined, path: string): unknown {
  let cur: unknown = data;
  for (const seg of path.split('.')) {
    if (!cur || typeof cur !== 'object') return undefined;
    cur = (cur as Record<string, unknown>)[seg];
  }
  return cur;
}

/** The schema of a dot path inside the register's input schema, for option labels. */
export function schemaAt(schema: JsonSchema, path: string): JsonSchema | undefined {
  let cur: JsonSchema | undefined = unwrap(schema).schema;
  for (const seg of path.split('.')) {
    const next: JsonSchema | undefined = cur?.properties?.[seg];
    if (!next) return undefined;
    cur = unwrap(next).schema;
  }
  return cur;
}

/** A data value as text: option labels from the schema, yes/no, lists joined, objects as "label：value". */
export function showValue(schema: JsonSchema, path: string, v: unknown, lang: Lang): string {
  if (v === null || v === undefined || v === '') return '—';
  const s = schemaAt(schema, path);
  if (v && typeof v === 'object' && !Array.isArray(v)) {
    return Object.entries(v as Record<string, unknown>)
      .map(([k, x]) => {
        const child = s?.properties?.[k];
        return `${child ? fieldLabel(child, k, lang) : k}：${showValue(schema, `${path}.${k}`, x, lang)}`;
      })
      .join('；');
  }
  return displayValue(s, v, lang);
}

/** Label of a top-level or nested input field. */
export function labelAt(schema: JsonSchema, path: string, lang: Lang): string {
  const s = schemaAt(schema, path);
  return s ? fieldLabel(s, path.split('.').pop() ?? path, lang) : path;
}

/** Only what the user changed goes into a PATCH: masked personal data shown in the form is not sent back. */
export function changedFields(before: Record<string, unknown>, after: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(after)) if (JSON.stringify(v) !== JSON.stringify(before[k])) out[k] = v;
  return out;
}
