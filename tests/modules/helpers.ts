import { existsSync, readFileSync } from 'node:fs';
import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import type { CaseTypeManifest, DocumentContext } from '../../src/kernel/cases/manifest.js';
import { type Orm, sql } from '../../src/kernel/db/client.js';
import { formatChineseDate } from '../../src/kernel/documents/docx.js';
import { Problem } from '../../src/kernel/http/problem.js';

/** Every leaf property of an input's JSON Schema must carry a zh title and an en label. */
export function unlabelledFields(schema: z.ZodType): string[] {
  const js = z.toJSONSchema(schema, { io: 'input', unrepresentable: 'any' }) as Record<string, unknown>;
  const missing: string[] = [];
  const walk = (node: Record<string, unknown>, path: string) => {
    for (const alt of [...((node.anyOf ?? node.oneOf ?? []) as Record<string, unknown>[])]) walk(alt, path);
    const props = node.properties as Record<string, Record<string, unknown>> | undefined;
    if (props)
      for (const [k, v] of Object.entries(props)) {
        const p = `${path}.${k}`;
        if (typeof v.title !== 'string' || typeof v.en !== 'string') missing.push(p);
        walk(v, p);
        if (v.type === 'array' && v.items) walk(v.items as Record<string, unknown>, `${p}[]`);
      }
  };
  walk(js, '$');
  return missing;
}

/** States an action's `to` may produce: a string, or a function probed with each of its from-states. */
export function probeTargets(m: CaseTypeManifest, action: string, inputs: unknown[], dataVariants: Record<string, unknown>[]): string[] {
  const a = m.actions[action];
  if (typeof a.to === 'string') return [a.to];
  const out = new Set<string>();
  for (const from of a.from)
    for (const input of inputs)
      for (const d of dataVariants) {
        try {
          out.add((a.to as (i: unknown, d: Record<string, unknown>, state: string) => string)(input, d, from));
        } catch (e) {
          if (!(e instanceof Problem)) throw e;
        }
      }
  return [...out];
}

export function docContext(over: Partial<DocumentContext> & { data: Record<string, unknown> }): DocumentContext {
  return {
    caseNumber: '嘉复〔2021〕12号',
    title: 't',
    agencyName: '嘉兴市人民政府',
    subjectAgencyName: '嘉兴市市场监督管理局',
    parties: [],
    events: [],
    today: '2021-06-30',
    formatDate: formatChineseDate,
    ...over,
  };
}

export async function insertAgency(orm: Orm, name: string, region: string, kind: string, abbr: string): Promise<string> {
  const id = randomUUID();
  await orm.execute(sql`insert into agency (id, name, kind, region_code, abbr) values (${id}, ${name}, ${kind}, ${region}, ${abbr})`);
  return id;
}

export async function problemOf(p: Promise<unknown>): Promise<Problem> {
  try {
    await p;
  } catch (e) {
    if (e instanceof Problem) return e;
    throw e;
  }
  throw new Error('expected a problem');
}

/** Statute texts (read-only reference, outside the repo): tests that use them are skipped without them. */
export const LAWS_DIR = '/work/shared/laws';
export const haveLaws = existsSync(LAWS_DIR);

/** The text of one article (第X条 … up to the next article) of a statute file. */
export function articleText(file: string, article: string): string {
  const text = readFileSync(`${LAWS_DIR}/${file}`, 'utf8');
  const start = text.search(new RegExp(`^${article}[ 　]`, 'm'));
  if (start < 0) throw new Error(`${article} not found in ${file}`);
  const rest = text.slice(start + article.length);
  const next = rest.search(/^第[一二三四五六七八九十百零]+条[ 　]/m);
  return next < 0 ? rest : rest.slice(0, next);
}

const CN = ['〇', '一', '二', '三', '四', '五', '六', '七', '八', '九'];
/** Independent of the module's own numeral helper. */
export function chinese(n: number): string {
  if (n < 10) return CN[n];
  const t = Math.floor(n / 10);
  return `${t === 1 ? '' : CN[t]}十${n % 10 ? CN[n % 10] : ''}`;
}

/** The first article cited in a basis such as '第六十二条第一款' or '第三十条、第三十一条第三款'. */
export function articlesOf(article: string): string[] {
  return [...article.matchAll(/第[一二三四五六七八九十百零]+条/g)].map((m) => m[0]);
}
