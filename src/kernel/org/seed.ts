import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { type Db, sql } from '../db/client.js';

/**
 * The region tree of one city from the bundled division lists: GB/T 2260 codes for province, city and
 * county-level units, NBS 统计用区划代码 (9 digits) for towns and streets (see docs/modules/org.md).
 */
export const DIVISIONS_DIR = fileURLToPath(new URL('../../../resources/divisions/', import.meta.url));

export type RegionLevel = 'province' | 'city' | 'county' | 'town' | 'village';

export interface RegionSeedRow {
  code: string;
  name: string;
  level: RegionLevel;
  parentCode: string | null;
  path: string;
}

/** Minimal RFC 4180 reader: the lists quote names, never embed newlines. */
export function parseCsv(text: string): Record<string, string>[] {
  const lines = text.split(/\r?\n/).filter((l) => l.trim() !== '');
  const header = splitCsvLine(lines[0]);
  return lines.slice(1).map((l) => {
    const cells = splitCsvLine(l);
    return Object.fromEntries(header.map((h, i) => [h, cells[i] ?? '']));
  });
}

function splitCsvLine(line: string): string[] {
  const out: string[] = [];
  let cur = '';
  let quoted = false;
  for (let i = 0; i < line.length; i++) {
    const ch = line[i];
    if (quoted) {
      if (ch === '"' && line[i + 1] === '"') {
        cur += '"';
        i++;
      } else if (ch === '"') quoted = false;
      else cur += ch;
    } else if (ch === '"') quoted = true;
    else if (ch === ',') {
      out.push(cur);
      cur = '';
    } else cur += ch;
  }
  out.push(cur);
  return out;
}

function readList(name: string, dir: string): Record<string, string>[] {
  return parseCsv(readFileSync(`${dir}${name}.csv`, 'utf8'));
}

/** Province, city, counties and towns of the city whose 4-digit code is `cityPrefix`, parents first. */
export function cityRegions(cityPrefix: string, dir = DIVISIONS_DIR): RegionSeedRow[] {
  if (!/^\d{4}$/.test(cityPrefix)) throw new Error(`city code must be 4 digits, got "${cityPrefix}"`);
  const provincePrefix = cityPrefix.slice(0, 2);
  const province = readList('provinces', dir).find((r) => r.code === provincePrefix);
  const city = readList('cities', dir).find((r) => r.code === cityPrefix);
  if (!province || !city) throw new Error(`city ${cityPrefix} is not in the division lists`);

  // The lists use 2- and 4-digit codes above county level; GB/T 2260 pads them to 6.
  const provinceCode = provincePrefix.padEnd(6, '0');
  const cityCode = cityPrefix.padEnd(6, '0');
  const provincePath = `/${provinceCode}/`;
  const cityPath = `${provincePath}${cityCode}/`;
  const out: RegionSeedRow[] = [
    { code: provinceCode, name: province.name, level: 'province', parentCode: null, path: provincePath },
    { code: cityCode, name: city.name, level: 'city', parentCode: provinceCode, path: cityPath },
  ];
  const counties = readList('areas', dir).filter((r) => r.cityCode === cityPrefix);
  const countyCodes = new Set<string>();
  for (const c of counties) {
    countyCodes.add(c.code);
    out.push({ code: c.code, name: c.name, level: 'county', parentCode: cityCode, path: `${cityPath}${c.code}/` });
  }
  for (const t of readList('streets', dir)) {
    if (t.cityCode !== cityPrefix || !countyCodes.has(t.areaCode)) continue;
    out.push({
      code: t.code,
      name: t.name,
      level: 'town',
      parentCode: t.areaCode,
      path: `${cityPath}${t.areaCode}/${t.code}/`,
    });
  }
  return out;
}

/** Idempotent: re-running updates names and paths in place and never deletes (records point at regions). */
export async function seedRegions(db: Db, cityPrefix: string): Promise<number> {
  const regions = cityRegions(cityPrefix);
  await db.tx(async (tx) => {
    // Parents precede children in `regions`, so one multi-row insert satisfies the parent_code reference.
    const values = regions.map((r) => sql`(${r.code}, ${r.name}, ${r.level}, ${r.parentCode}, ${r.path})`);
    await tx.execute(sql`
      insert into region (code, name, level, parent_code, path) values ${sql.join(values, sql`, `)}
      on conflict (code) do update set name = excluded.name, level = excluded.level,
        parent_code = excluded.parent_code, path = excluded.path`);
  });
  return regions.length;
}
