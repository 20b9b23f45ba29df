import { manifest } from './manifest.js';

export { appearanceCategoryOptions, judgmentTypeOptions, judgmentTypes } from './schemas.js';

export const litigationModule = { key: 'litigation', manifest };
