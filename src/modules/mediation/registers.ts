import type { RegisterDef } from '../../kernel/registers/types.js';
import { type MediatorInput, gridWorkerInput, mediatorInput } from './schemas.js';

/** 人民调解员 and 网格员 as registers: the kernel stores, lists, imports and versions them. */
export const mediatorRegister: RegisterDef = {
  key: 'mediator',
  label: { zh: '人民调解员', en: 'People’s mediators' },
  description: { zh: '各调委会的人民调解员：擅长类别、证书、培训、在岗状态与承办上限（分流按此推荐调解员）', en: 'Mediators of each committee: specialties, certificates, trainings, status and capacity (routing suggests mediators from it)' },
  permissions: { read: 'mediation.mediator.read', write: 'mediation.mediator.write' },
  input: mediatorInput,
  // The routing engine reads committeeAgencyId, userId, specialties and capacity from `data`.
  toEntry: (i: MediatorInput) => ({
    title: i.name,
    regionCode: i.regionCode,
    status: i.active ? 'active' : 'inactive',
    data: { ...i },
  }),
  statuses: {
    active: { zh: '在岗', en: 'Active' },
    inactive: { zh: '不在岗', en: 'Inactive' },
  },
  columns: [
    { key: 'specialties', label: { zh: '擅长类别', en: 'Specialties' } },
    { key: 'capacity', label: { zh: '承办上限', en: 'Capacity' } },
  ],
};

export const gridWorkerRegister: RegisterDef = {
  key: 'grid_worker',
  label: { zh: '网格员', en: 'Grid workers' },
  description: { zh: '基层网格员：所在网格、村（社区）与乡镇，纠纷上报的来源', en: 'Grid workers: their grid, village and town; a source of dispute reports' },
  permissions: { read: 'mediation.grid_worker.read', write: 'mediation.grid_worker.write' },
  input: gridWorkerInput,
  toEntry: (i) => ({
    title: i.name,
    regionCode: i.regionCode,
    status: 'active',
    naturalKey: i.gridCode,
    data: { ...i },
  }),
  statuses: { active: { zh: '在岗', en: 'Active' }, inactive: { zh: '不在岗', en: 'Inactive' } },
  columns: [
    { key: 'gridName', label: { zh: '网格', en: 'Grid' } },
    { key: 'villageName', label: { zh: '村（社区）', en: 'Village' } },
  ],
  personal: ['phone'],
};

export const registers = [mediatorRegister, gridWorkerRegister];
