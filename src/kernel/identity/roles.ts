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
  {
    key: 'mediation_centre',
    name: { zh: '矛调中心工作人员', en: 'Dispute resolution centre staff' },
    permissions: [...CASE_OFFICE, 'case.message', 'mediation.*'],
  },
  {
    // Sees the committee's cases (agency-only: the committee is their agency) and the ones assigned to them.
    key: 'mediator',
    name: { zh: '人民调解员', en: 'People\'s mediator' },
    permissions: ['case.read', 'case.attach', 'case.message', 'mediation.*'],
  },
  {
    // 双向派驻: a judge seconded to a mediation centre takes part in the disputes assigned to them.
    key: 'seconded_judge',
    name: { zh: '派驻法官', en: 'Seconded judge' },
    permissions: ['case.read', 'case.message', 'mediation.record_session', 'mediation.apply_confirmation', 'mediation.record_confirmation'],
  },
  {
    key: 'grid_worker',
    name: { zh: '网格员', en: 'Grid worker' },
    permissions: ['case.read', 'case.attach', 'mediation.create', 'mediation.mediator.read', 'legal_services.enterprise.read', 'legal_services.consultation.read', 'legal_services.consultation.write'],
  },
  {
    key: 'legal_aid_staff',
    name: { zh: '法律援助中心工作人员', en: 'Legal aid centre staff' },
    permissions: [...CASE_OFFICE, 'legal_aid.*'],
  },
  {
    // Agency-only without an agency: sees exactly the aid cases assigned to them.
    key: 'aid_lawyer',
    name: { zh: '法律援助人员', en: 'Legal aid lawyer' },
    permissions: ['case.read', 'case.attach', 'legal_aid.report_progress', 'legal_aid.close'],
  },
  {
    key: 'legal_services_staff',
    name: { zh: '公共法律服务工作人员', en: 'Public legal services staff' },
    permissions: ['legal_services.*', 'indicator.read', 'cockpit.read'],
  },
  { key: 'leader', name: { zh: '领导', en: 'Leader (read-only cockpit)' }, permissions: [...CASE_AND_COCKPIT_READ] },
];

/**
 * Roles whose holders work only on the cases assigned to them: such a user may be agency-only without
 * an agency (they then see exactly their assigned cases).
 */
export const ASSIGNMENT_ROLES: ReadonlySet<string> = new Set(['aid_lawyer']);

/** The admin role keeps '*': otherwise one edit could leave nobody able to administer the system. */
export const ADMIN_ROLE = 'admin';
