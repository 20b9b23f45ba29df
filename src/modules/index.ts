import type { CaseTypeManifest } from '../kernel/cases/manifest.js';
import type { RegisterDef } from '../kernel/registers/types.js';
import type { ModuleDef } from '../kernel/module.js';
import { legalAidModule } from './legal-aid/index.js';
import { legalServicesModule } from './legal-services/index.js';
import { litigationModule } from './litigation/index.js';
import { mediationModule } from './mediation/index.js';
import { reconsiderationModule } from './reconsideration/index.js';

/**
 * The mechanisms this platform runs. A module is a folder with a manifest (and only what is special
 * to it); it imports the kernel, never another module. Adding a mechanism = adding it here.
 */
export const modules: ModuleDef[] = [reconsiderationModule, litigationModule, mediationModule, legalAidModule, legalServicesModule];

/** The case types of all modules, for the kernel's registry. */
export const manifests: CaseTypeManifest[] = modules.flatMap((m) => (m.manifest ? [m.manifest] : []));

/** The registers of all modules, for the kernel's register registry. */
export const registers: RegisterDef[] = modules.flatMap((m) => m.registers ?? []);
