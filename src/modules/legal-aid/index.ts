import type { ModuleDef } from '../../kernel/module.js';
import { manifest } from './manifest.js';
import { aidConsultationRegister, firmRegister, providerRegister } from './registers.js';

export { agencySettingKey } from './manifest.js';
export { MEANS_THRESHOLD_DEFAULT, meansThresholdKey, meansTest } from './means-test.js';

export const legalAidModule: ModuleDef = { key: 'legal_aid', manifest, registers: [providerRegister, firmRegister, aidConsultationRegister] };
