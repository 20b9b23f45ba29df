import type { Label } from '../cases/manifest.js';

export interface RoleDef {
  key: string;
  name: Label;
  permissions: string[];
}

/** Shared by the read-only roles: see cases, indicators and the cockpit. */
const CASE_AND_COCKPIT_READ = ['case.read', 'indicator.read', 'cockpit.read'];
/** What both case-handling offices do across their case types. */
const CASE_OFFICE = ['case.read', 'case.export', 'case.import', 'case.link', 'case.attach', 'indicator.read', 'cockpit.read'];

/**
 * The roles every installation starts with. Seeding upserts them unless an admin has customised
 * one (role.customised); admins add their own roles beside them.
 */
export const BUILTIN_ROLES: readonly RoleDef[] = [
  { key: 'admin', name: { zh: '系统管理员', en: 'System administrator' }, permissions: ['*'] },
  {
    key: 'rule_of_law_office',
    name: { zh: '法治办', en: 'Rule-of-law office' },
    permissions: ['case.read', 'case.export', 'indicator.read', 'cockpit.read'],
  },
  {
    key: 'reconsideration_staff',
    name: { zh: '复议机构工作人员', en: 'Reconsideration staff' },
    permissions: [...CASE_OFFICE, 'reconsideration.*'],
  },
  {
    key: 'litigation_staff',
    name: { zh: '应诉工作人员', en: 'Litigation staff' },
    permissions: [...CASE_OFFICE, 'litigation.*'],
  },
  {
    key: 'legal_officer',
    name: { zh: '法制员', en: 'Agency legal officer' },
    permissions: [
      'case.read',
      'case.attach',
      'reconsideration.submit_answer',
      'litigation.file_defence',
      'litigation.plan_appearance',
      'litigation.record_hearing',
    ],
  },
  { key: 'leader', name: { zh: '领导', en: 'Leader (read-only cockpit)' }, permissions: [...CASE_AND_COCKPIT_READ] },
];

/** The admin role keeps '*': otherwise one edit could leave nobody able to administer the system. */
export const ADMIN_ROLE = 'admin';
