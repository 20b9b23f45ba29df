import ExcelJS from 'exceljs';
import { Readable } from 'node:stream';
import { z } from 'zod';
import type { Orm } from '../db/client.js';
import { Problem, type FieldError } from '../http/problem.js';
import { parseInput } from '../http/validate.js';
import type { Actor } from '../identity/types.js';
import type { Kernel } from '../kernel.js';
import { createCase } from './create-case.js';
import { manifestFor } from './engine.js';
import { performAction } from './perform-action.js';
import { jsonSchemaOf } from './read.js';

export const MAX_IMPORT_ROWS = 20_000;
/** Column holding the history of a concluded case: a JSON list of {action, input} replayed in order. */
export const HISTORY_COLUMN = '_actions';

interface Column {
  path: string;
  title: string;
}

/** Import columns are the leaves of the create form's JSON Schema, so the template follows the manifest. */
export function importColumns(k: Kernel, type: string): Column[] {
  const schema = jsonSchemaOf(manifestFor(k, type).create.input) as JsonSchema;
  const cols: Column[] = [];
  const walk = (s: JsonSchema, path: string[], titles: string[]) => {
    const obj = objectOf(s);
    if (obj) {
      for (const [key, sub] of Object.entries(obj.properties!)) walk(sub, [...path, key], [...titles, sub.title ?? key]);
    } else if (s.type !== 'array') {
      cols.push({ path: path.join('.'), title: titles.join('·') });
    }
  };
  walk(schema, [], []);
  cols.push({ path: HISTORY_COLUMN, title: '办理经过(JSON)' });
  return cols;
}

interface JsonSchema {
  type?: string;
  title?: string;
  properties?: Record<string, JsonSchema>;
  anyOf?: JsonSchema[];
  oneOf?: JsonSchema[];
  items?: JsonSchema;
}

/**
 * The object form of a schema: itself, the object branch of an optional (`anyOf`), or — for a union of
 * objects such as 公民/法人 applicants (`oneOf`) — all branches' fields together, so one spreadsheet
 * holds either kind and the row's own `kind` column picks the branch when it is validated.
 */
function objectOf(s: JsonSchema | undefined): JsonSchema | undefined {
  if (!s) return undefined;
  if (s.type === 'object' && s.properties) return s;
  const branches = (s.oneOf ?? s.anyOf ?? []).filter((b) => b.type === 'object' && b.properties);
  if (!branches.length) return undefined;
  const properties: Record<string, JsonSchema> = {};
  for (const b of branches) for (const [key, sub] of Object.entries(b.properties!)) properties[key] ??= sub;
  return { type: 'object', title: s.title, properties };
}

export async function templateWorkbook(k: Kernel, type: string): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet(type);
  const cols = importColumns(k, type);
  ws.columns = cols.map((c) => ({ header: `${c.title} [${c.path}]`, key: c.path, width: Math.max(14, c.title.length * 2) }));
  return Buffer.from(await wb.xlsx.writeBuffer());
}

/** Headers are matched by the `[path]` suffix (the template's) or by the bare path. */
export async function readRows(filename: string, content: Buffer): Promise<Record<string, string>[]> {
  const wb = new ExcelJS.Workbook();
  if (/\.csv$/i.test(filename)) await wb.csv.read(Readable.from(content.toString('utf8').replace(/^\uFEFF/, '')));
  else if (/\.xlsx$/i.test(filename)) await wb.xlsx.load(content as unknown as ArrayBuffer);
  else throw new Problem(415, 'unsupported-type', '仅支持 .xlsx 或 .csv 文件', 'Only .xlsx or .csv files');
  const ws = wb.worksheets[0];
  if (!ws) return [];
  const headers: string[] = [];
  ws.getRow(1).eachCell((cell, col) => {
    const h = String(cell.text ?? '').trim();
    headers[col] = h.match(/\[([^\]]+)\]\s*$/)?.[1] ?? h;
  });
  const out: Record<string, string>[] = [];
  for (let r = 2; r <= ws.rowCount; r++) {
    const row = ws.getRow(r);
    const rec: Record<string, string> = {};
    let any = false;
    row.eachCell((cell, col) => {
      const key = headers[col];
      if (!key) return;
      const v = cell.value instanceof Date ? cell.value.toISOString().slice(0, 10) : String(cell.text ?? '').trim();
      if (v !== '') {
        rec[key] = v;
        any = true;
      }
    });
    if (any) out.push(rec);
    if (out.length > MAX_IMPORT_ROWS) throw new Problem(413, 'too-many-rows', `一次最多导入 ${MAX_IMPORT_ROWS} 行`, `At most ${MAX_IMPORT_ROWS} rows per import`);
  }
  return out;
}

/** 'applicant.name' → { applicant: { name } }; numbers and booleans typed from the schema's leaves. */
function unflatten(rec: Record<string, string>, schema: JsonSchema): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [path, raw] of Object.entries(rec)) {
    if (path === HISTORY_COLUMN) continue;
    const keys = path.split('.');
    let s: JsonSchema | undefined = schema;
    let o = out;
    keys.forEach((key, i) => {
      s = objectOf(s)?.properties?.[key];
      if (i === keys.length - 1) {
        const leaf = s?.anyOf?.find((x) => x.type && x.type !== 'null') ?? s;
        o[key] = leaf?.type === 'number' || leaf?.type === 'integer' ? Number(raw) : leaf?.type === 'boolean' ? ['true', '1', '是', 'TRUE'].includes(raw) : raw;
      } else {
        o[key] = (o[key] as Record<string, unknown>) ?? {};
        o = o[key] as Record<string, unknown>;
      }
    });
  }
  return out;
}

const historySchema = z.array(z.strictObject({ action: z.string(), input: z.record(z.string(), z.unknown()).default({}) })).max(50);

export interface ImportReport {
  dryRun: boolean;
  total: number;
  ok: number;
  failed: number;
  rows: { row: number; ok: boolean; errors: FieldError[]; caseId?: string }[];
  created?: number;
}

/**
 * Runs every row through the same path as a staff registration (create, then each recorded action),
 * inside one transaction. A dry run rolls it back and reports per row; a commit succeeds only if
 * every row does — nothing half-imported.
 */
export async function importCases(k: Kernel, type: string, records: Record<string, string>[], actor: Actor, dryRun: boolean): Promise<ImportReport> {
  const schema = jsonSchemaOf(manifestFor(k, type).create.input) as JsonSchema;
  const report: ImportReport = { dryRun, total: records.length, ok: 0, failed: 0, rows: [] };
  const ROLLBACK = Symbol('rollback');
  try {
    await k.db.tx(async (tx) => {
      for (const [i, rec] of records.entries()) {
        const rowNo = i + 2; // spreadsheet row (header is row 1)
        try {
          // A savepoint per row: a bad row is reported and undone while the others go on being checked.
          const caseId = await tx.transaction((sp) => importOne(k, sp as unknown as Orm, type, rec, schema, actor));
          report.ok++;
          report.rows.push({ row: rowNo, ok: true, errors: [], caseId: dryRun ? undefined : caseId });
        } catch (e) {
          report.failed++;
          const errors = e instanceof Problem ? (e.opts.errors ?? [{ path: '', zh: e.titleZh, en: e.titleEn }]) : [{ path: '', zh: '处理失败', en: String(e) }];
          report.rows.push({ row: rowNo, ok: false, errors });
        }
      }
      if (dryRun || report.failed) throw ROLLBACK;
    });
  } catch (e) {
    if (e !== ROLLBACK) throw e;
  }
  if (!dryRun && !report.failed) report.created = report.ok;
  return report;
}

async function importOne(k: Kernel, tx: Orm, type: string, rec: Record<string, string>, schema: JsonSchema, actor: Actor): Promise<string> {
  const input = unflatten(rec, schema);
  const history = rec[HISTORY_COLUMN] ? parseInput(historySchema, safeJson(rec[HISTORY_COLUMN])) : [];
  const c = await createCase(k, tx, { type, input, actor, source: 'import' });
  let version = c.version;
  for (const [j, h] of history.entries()) {
    try {
      version = (await performAction(k, tx, { caseId: c.id, action: h.action, input: h.input, version, actor })).version;
    } catch (e) {
      if (e instanceof Problem) {
        e.opts.errors = (e.opts.errors ?? [{ path: '', zh: e.titleZh, en: e.titleEn }]).map((x) => ({ ...x, path: `${HISTORY_COLUMN}.${j}.${h.action}${x.path ? `.${x.path}` : ''}` }));
      }
      throw e;
    }
  }
  return c.id;
}

function safeJson(s: string): unknown {
  try {
    return JSON.parse(s);
  } catch {
    throw new Problem(400, 'validation', '办理经过不是有效的 JSON', 'History is not valid JSON', { errors: [{ path: HISTORY_COLUMN, zh: '办理经过不是有效的 JSON', en: 'Not valid JSON' }] });
  }
}
