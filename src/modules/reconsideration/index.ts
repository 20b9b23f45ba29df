import { manifest } from './manifest.js';

export { decisionTypes, decisionTypeOptions } from './schemas.js';
export { preconditionHints } from './manifest.js';

export const reconsiderationModule = { key: 'reconsideration', manifest };
