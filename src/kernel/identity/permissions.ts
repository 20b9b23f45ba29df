import type { Label } from '../cases/manifest.js';
import type { Registry } from '../cases/registry.js';

export interface PermissionInfo {
  key: string;
  label: Label;
}

/** Permissions the kernel itself checks; case types add theirs from their manifests. */
export const KERNEL_PERMISSIONS: readonly PermissionInfo[] = [
  { key: '*', label: { zh: '全部权限', en: 'Everything' } },
  { key: 'case.read', label: { zh: '查看案件', en: 'Read cases' } },
  { key: 'case.export', label: { zh: '导出案件', en: 'Export cases' } },
  { key: 'case.import', label: { zh: '导入案件', en: 'Import cases' } },
  { key: 'case.link', label: { zh: '关联案件', en: 'Link cases' } },
  { key: 'case.attach', label: { zh: '上传附件', en: 'Attach files' } },
  { key: 'indicator.read', label: { zh: '查看指标', en: 'Read indicators' } },
  { key: 'cockpit.read', label: { zh: '查看驾驶舱', en: 'Read the cockpit' } },
  { key: 'admin.users', label: { zh: '管理用户', en: 'Manage users' } },
  { key: 'admin.roles', label: { zh: '管理角色', en: 'Manage roles' } },
  { key: 'admin.agencies', label: { zh: '管理机关', en: 'Manage agencies' } },
  { key: 'admin.calendar', label: { zh: '管理工作日历', en: 'Manage the working-day calendar' } },
  { key: 'admin.settings', label: { zh: '管理系统设置', en: 'Manage settings' } },
];

/** Every grantable key: the kernel's, then per case type `<type>.*`, `<type>.create` and each action's permission. */
export function knownPermissions(registry: Registry): PermissionInfo[] {
  const out = new Map<string, PermissionInfo>(KERNEL_PERMISSIONS.map((p) => [p.key, p]));
  const add = (key: string, label: Label) => {
    if (!out.has(key)) out.set(key, { key, label });
  };
  for (const m of registry.all()) {
    add(`${m.type}.*`, { zh: `${m.label.zh}：全部操作`, en: `${m.label.en}: all actions` });
    add(m.create.permission, { zh: `${m.label.zh}：登记`, en: `${m.label.en}: create` });
    add(`${m.type}.create`, { zh: `${m.label.zh}：登记`, en: `${m.label.en}: create` });
    for (const [name, a] of Object.entries(m.actions)) {
      if (a.systemOnly) continue;
      add(a.permission, { zh: `${m.label.zh}：${a.label.zh}`, en: `${m.label.en}: ${a.label.en}` });
      add(`${m.type}.${name}`, { zh: `${m.label.zh}：${a.label.zh}`, en: `${m.label.en}: ${a.label.en}` });
    }
  }
  return [...out.values()];
}

/** A key is grantable when it is known, or a wildcard over a known prefix ('litigation.*'). */
export function isKnownPermission(key: string, known: readonly PermissionInfo[]): boolean {
  if (known.some((p) => p.key === key)) return true;
  if (!key.endsWith('.*')) return false;
  const prefix = key.slice(0, -1);
  return known.some((p) => p.key.startsWith(prefix));
}
