import type { CaseTypeManifest } from '../kernel/cases/manifest.js';
import { litigationModule } from './litigation/index.js';
import { reconsiderationModule } from './reconsideration/index.js';

/**
 * The mechanisms this platform runs. A module is a folder with a manifest (and only what is special
 * to it); it imports the kernel, never another module. Adding a mechanism = adding it here.
 */
export const modules: { manifest: CaseTypeManifest }[] = [reconsiderationModule, litigationModule];
