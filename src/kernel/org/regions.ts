import { type Orm, one, rows, sql } from '../db/client.js';
import type { RegionLevel } from './seed.js';

export interface Region {
  code: string;
  name: string;
  level: RegionLevel;
  parentCode: string | null;
  path: string;
}

const SELECT = sql`select code, name, level, parent_code as "parentCode", path from region`;

/** The whole tree as a flat list in path order (parents before children); clients nest by parentCode. */
export async function listRegions(orm: Orm, opts: { parent?: string } = {}): Promise<Region[]> {
  if (opts.parent !== undefined) return rows<Region>(orm, sql`${SELECT} where parent_code = ${opts.parent} order by code`);
  return rows<Region>(orm, sql`${SELECT} order by path`);
}

export async function getRegion(orm: Orm, code: string): Promise<Region | undefined> {
  return one<Region>(orm, sql`${SELECT} where code = ${code}`);
}
