import ExcelJS from 'exceljs';
import { type Orm, isUniqueViolation } from '../db/client.js';
import { type FieldError, field } from '../http/problem.js';
import { assertPermission } from '../identity/policy.js';
import type { Actor } from '../identity/types.js';
import type { Kernel } from '../kernel.js';
import { jsonSchemaOf } from '../cases/read.js';
import { duplicateProblem, prepareEntries } from './entries.js';
import { writeEntries } from './insert-entries.js';
import { listEntries, type EntryQuery } from './list-entries.js';
import { registerFor } from './registry.js';
import type { RegisterDef } from './types.js';

interface JsonSchema {
  type?: string;
  title?: string;
  properties?: Record<string, JsonSchema>;
  anyOf?: JsonSchema[];
}

export interface RegisterColumn {
  key: string;
  title: string;
  /** Lists and nested objects travel as JSON text in one cell. */
  kind: 'string' | 'number' | 'boolean' | 'json';
}

/** Import columns are the input's top-level fields: a header may be the field's Chinese title or its key. */
export function registerColumns(def: RegisterDef): RegisterColumn[] {
  const schema = jsonSchemaOf(def.input) as JsonSchema;
  return Object.entries(schema.properties ?? {}).map(([key, s]) => {
    const leaf = s.anyOf?.find((x) => x.type && x.type !== 'null') ?? s;
    const t = leaf.type;
    const kind = t === 'number' || t === 'integer' ? 'number' : t === 'boolean' ? 'boolean' : t === 'array' || t === 'object' ? 'json' : 'string';
    return { key, title: s.title ?? key, kind };
  });
}

export async function registerTemplate(def: RegisterDef): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet(def.label.zh);
  ws.columns = registerColumns(def).map((c) => ({ header: `${c.title} [${c.key}]`, key: c.key, width: Math.max(14, c.title.length * 2) }));
  return Buffer.from(await wb.xlsx.writeBuffer());
}

/** One spreadsheet row → an input object typed from the schema; cells that cannot be typed are row errors. */
function toInput(cols: RegisterColumn[], rec: Record<string, string>): { input: Record<string, unknown>; errors: FieldError[] } {
  const byHeader = new Map<string, RegisterColumn>();
  for (const c of cols) {
    byHeader.set(c.key, c);
    byHeader.set(c.title, c);
  }
  const input: Record<string, unknown> = {};
  const errors: FieldError[] = [];
  for (const [header, raw] of Object.entries(rec)) {
    const c = byHeader.get(header);
    if (!c) {
      errors.push(field(header, `未知的列：${header}`, `Unknown column: ${header}`));
      continue;
    }
    if (c.kind === 'number') input[c.key] = Number(raw);
    else if (c.kind === 'boolean') input[c.key] = ['true', '1', '是', 'TRUE'].includes(raw);
    else if (c.kind === 'json') {
      try {
        input[c.key] = JSON.parse(raw);
      } catch {
        errors.push(field(c.key, `${c.title}应为 JSON`, `${c.key} must be JSON`));
      }
    } else input[c.key] = raw;
  }
  return { input, errors };
}

export interface RegisterImportReport {
  dryRun: boolean;
  total: number;
  ok: number;
  failed: number;
  /** Rows with errors only (spreadsheet row numbers: the header is row 1). */
  rows: { row: number; errors: FieldError[] }[];
  created?: number;
}

/**
 * Every row validated in one pass (types, schema, natural keys within the sheet and against the
 * register, refs, regions and scope). A dry run reports; a commit writes all rows or none.
 */
export async function importEntries(
  k: Kernel,
  tx: Orm,
  registerKey: string,
  records: Record<string, string>[],
  actor: Actor,
  dryRun: boolean,
): Promise<RegisterImportReport> {
  const def = registerFor(k, registerKey);
  const cols = registerColumns(def);
  const parsed = records.map((r) => toInput(cols, r));
  const cellErrors = new Map(parsed.flatMap((p, i) => (p.errors.length ? [[i, p.errors] as const] : [])));
  assertPermission(actor, def.permissions.write);
  const { entries, errors } = await prepareEntries(k, tx, def, parsed.map((p) => p.input), actor);
  const byRow = new Map<number, FieldError[]>(cellErrors);
  for (const r of errors) byRow.set(r.index, [...(byRow.get(r.index) ?? []), ...r.errors]);
  const rows = [...byRow.entries()].sort(([a], [b]) => a - b).map(([i, errs]) => ({ row: i + 2, errors: errs }));
  const report: RegisterImportReport = { dryRun, total: records.length, ok: records.length - rows.length, failed: rows.length, rows };
  if (dryRun || rows.length) return report;
  try {
    await writeEntries(tx, def.key, entries, actor, 'import');
  } catch (e) {
    if (isUniqueViolation(e)) throw duplicateProblem(def, []);
    throw e;
  }
  report.created = entries.length;
  return report;
}

/** The list as a spreadsheet (personal fields masked), paging through the same keyset as the list. */
export async function exportEntries(k: Kernel, orm: Orm, registerKey: string, q: EntryQuery, actor: Actor, maxRows = 100_000): Promise<{ buffer: Buffer; rows: number }> {
  const def = registerFor(k, registerKey);
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet(def.label.zh);
  ws.columns = [
    { header: '名称 Title', key: 'title', width: 36 },
    { header: '日期 Date', key: 'occurredOn', width: 12 },
    { header: '区域 Region', key: 'region', width: 14 },
    { header: '状态 Status', key: 'status', width: 10 },
    ...def.columns.map((c) => ({ header: `${c.label.zh} ${c.label.en}`, key: `d:${c.key}`, width: 18 })),
  ];
  const pick = (data: Record<string, unknown>, path: string) => {
    const v = path.split('.').reduce<unknown>((o, key) => (o && typeof o === 'object' ? (o as Record<string, unknown>)[key] : undefined), data);
    return v === undefined || v === null ? '' : typeof v === 'object' ? JSON.stringify(v) : (v as string | number | boolean);
  };
  let total = 0;
  let cursor: string | undefined;
  do {
    const page = await listEntries(k, orm, registerKey, { ...q, cursor, limit: 200 }, actor);
    for (const e of page.items) {
      const row: Record<string, unknown> = { title: e.title, occurredOn: e.occurredOn, region: e.regionName ?? '', status: e.status ? (def.statuses?.[e.status]?.zh ?? e.status) : '' };
      for (const c of def.columns) row[`d:${c.key}`] = pick(e.data, c.key);
      ws.addRow(row);
    }
    total += page.items.length;
    cursor = page.nextCursor ?? undefined;
  } while (cursor && total < maxRows);
  return { buffer: Buffer.from(await wb.xlsx.writeBuffer()), rows: total };
}
