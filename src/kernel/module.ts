import type { CaseTypeManifest } from './cases/manifest.js';
import type { RouteRegistrar } from './http/app.js';
import type { RegisterDef } from './registers/types.js';

/**
 * A mechanism as the platform mounts it: its case type (if it has one) and the routes of what is
 * special to it (registers, routing rules, admin pages' APIs). Modules import the kernel, never each other.
 */
export interface ModuleDef {
  key: string;
  manifest?: CaseTypeManifest;
  routes?: RouteRegistrar[];
  /** High-volume registers of the mechanism (enterprises, consultations, mediators …). */
  registers?: RegisterDef[];
}
