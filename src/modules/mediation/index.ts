import type { ModuleDef } from '../../kernel/module.js';

// Placeholder until the module lands: declared so src/modules/index.ts lists every mechanism once.
export const mediationModule: ModuleDef = { key: 'mediation' };
