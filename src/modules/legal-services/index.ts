import type { ModuleDef } from '../../kernel/module.js';
import { registerPushRoutes } from './push.js';
import { legalServicesRegisters } from './registers.js';

/** 企业法律服务 "网格连企、法治同行": registers only (no case type) and the push route. */
export const legalServicesModule: ModuleDef = {
  key: 'legal_services',
  registers: legalServicesRegisters,
  routes: [registerPushRoutes],
};
