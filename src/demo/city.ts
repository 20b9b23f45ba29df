import type { Orm } from '../kernel/db/client.js';
import { type Agency, createAgency } from '../kernel/org/agencies.js';
import { makeCreditCode } from '../kernel/org/validators.js';

/** County-level units of 嘉兴市 with the one-character abbreviation used in their 案号. */
export const COUNTIES = [
  { code: '330402', name: '南湖区', abbr: '南' },
  { code: '330411', name: '秀洲区', abbr: '秀' },
  { code: '330421', name: '嘉善县', abbr: '善' },
  { code: '330424', name: '海盐县', abbr: '盐' },
  { code: '330481', name: '海宁市', abbr: '宁' },
  { code: '330482', name: '平湖市', abbr: '平' },
  { code: '330483', name: '桐乡市', abbr: '桐' },
] as const;

/** Departments whose acts are most often contested (city level; each county has its counterparts). */
export const DEPARTMENTS = [
  '市场监督管理局',
  '生态环境局',
  '自然资源和规划局',
  '住房和城乡建设局',
  '公安局',
  '交通运输局',
  '人力资源和社会保障局',
  '综合行政执法局',
  '卫生健康委员会',
  '应急管理局',
] as const;

export interface DemoOrg {
  cityGov: Agency;
  justiceBureau: Agency;
  cityDepartments: Agency[];
  counties: { code: string; name: string; gov: Agency; departments: Agency[] }[];
}

/**
 * Credit codes are synthetic but valid (GB 32100 check character): 1 (机构编制) + 1 (机关) + the
 * registering region + a made-up 9-character organisation code.
 */
function creditCode(region: string, serial: number): string {
  return makeCreditCode(`11${region}${String(serial).padStart(8, '0')}0`);
}

export async function createDemoOrg(tx: Orm): Promise<DemoOrg> {
  let serial = 1;
  const mk = (name: string, region: string, kind: 'government' | 'department' | 'justice_bureau', abbr?: string, shortName?: string) =>
    createAgency(tx, { name, shortName, kind, regionCode: region, creditCode: creditCode(region, serial++), abbr });
  const cityGov = await mk('嘉兴市人民政府', '330400', 'government', '嘉', '市政府');
  const justiceBureau = await mk('嘉兴市司法局', '330400', 'justice_bureau', '嘉司', '市司法局');
  const cityDepartments: Agency[] = [];
  for (const d of DEPARTMENTS) cityDepartments.push(await mk(`嘉兴市${d}`, '330400', 'department', undefined, `市${d.replace(/局$|委员会$/, '')}`));
  const counties: DemoOrg['counties'] = [];
  for (const c of COUNTIES) {
    const gov = await mk(`${c.name}人民政府`, c.code, 'government', `${c.abbr}`, `${c.name}政府`);
    const departments: Agency[] = [];
    for (const d of DEPARTMENTS.slice(0, 6)) {
      const local = d === '公安局' ? `嘉兴市公安局${c.name}分局` : `${c.name}${d}`;
      departments.push(await mk(local, c.code, 'department'));
    }
    counties.push({ code: c.code, name: c.name, gov, departments });
  }
  return { cityGov, justiceBureau, cityDepartments, counties };
}
