import { type Orm, one, sql } from '../kernel/db/client.js';
import { createUser } from '../kernel/identity/users.js';
import { generatePassword } from '../kernel/identity/password.js';
import type { Kernel } from '../kernel/kernel.js';
import type { DemoOrg } from './city.js';

/** Demo accounts share one documented password: this is a demo, printed on every fresh start. */
export const DEMO_PASSWORD = 'Fazhi2021demo';

export interface DemoLogin {
  username: string;
  password: string;
  role: string;
  id: string;
  displayName: string;
}

export async function createDemoUsers(tx: Orm, org: DemoOrg): Promise<DemoLogin[]> {
  const haining = org.counties.find((c) => c.code === '330481')!;
  const tongxiang = org.counties.find((c) => c.code === '330483')!;
  const specs = [
    { username: 'admin', displayName: '系统管理员', roles: ['admin'], regionCode: '330400', agencyId: org.justiceBureau.id, role: '系统管理员 / admin' },
    { username: 'fuyi', displayName: '王复议', roles: ['reconsideration_staff'], regionCode: '330400', agencyId: org.justiceBureau.id, role: '市复议机构 / reconsideration staff (city)' },
    { username: 'yingsu', displayName: '李应诉', roles: ['litigation_staff'], regionCode: '330400', agencyId: org.justiceBureau.id, role: '市应诉 / litigation staff (city)' },
    { username: 'fazhiban', displayName: '赵法治', roles: ['rule_of_law_office'], regionCode: '330400', agencyId: org.justiceBureau.id, role: '法治办 / rule-of-law office' },
    { username: 'leader', displayName: '陈领导', roles: ['leader'], regionCode: '330400', agencyId: org.cityGov.id, role: '领导驾驶舱 / leader' },
    { username: 'haining', displayName: '周海宁', roles: ['reconsideration_staff', 'litigation_staff'], regionCode: '330481', agencyId: haining.gov.id, role: '海宁市复议应诉 / Haining county staff' },
    { username: 'tongxiang', displayName: '吴桐乡', roles: ['reconsideration_staff', 'litigation_staff'], regionCode: '330483', agencyId: tongxiang.gov.id, role: '桐乡市复议应诉 / Tongxiang county staff' },
    { username: 'fazhiyuan', displayName: '孙法制', roles: ['legal_officer'], regionCode: '330400', agencyId: org.cityDepartments[0].id, agencyOnly: true, role: '市市场监管局法制员 / agency legal officer' },
  ];
  const out: DemoLogin[] = [];
  for (const s of specs) {
    const u = await createUser(tx, { username: s.username, displayName: s.displayName, password: DEMO_PASSWORD, roles: s.roles, regionCode: s.regionCode, agencyId: s.agencyId, agencyOnly: s.agencyOnly ?? false });
    out.push({ username: s.username, password: DEMO_PASSWORD, role: s.role, id: u.id, displayName: s.displayName });
  }
  return out;
}

/** `--no-demo`: one admin with a generated password, printed once and to be changed at first login. */
export async function createInitialAdmin(k: Kernel): Promise<string> {
  const password = generatePassword();
  await k.db.tx(async (tx) => {
    // The top of the seeded region tree is the admin's scope.
    const top = await one<{ code: string }>(tx, sql`select code from region order by length(path) limit 1`);
    await createUser(tx, { username: 'admin', displayName: '系统管理员', password, roles: ['admin'], regionCode: top!.code, mustChangePassword: true });
  });
  return password;
}
