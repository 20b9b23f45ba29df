import type { ModuleDef } from '../../kernel/module.js';
import { manifest } from './manifest.js';
import { registers } from './registers.js';
import { registerMediationRoutes } from './routes.js';

export const mediationModule: ModuleDef = { key: 'mediation', manifest, routes: [registerMediationRoutes], registers };
