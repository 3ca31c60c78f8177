export { openDatabase, migrate, type RuntimeDatabase } from './database-runtime.js';
export { FEATURE_MODULES, coreModules } from './composition.js';
export { loggingOptions } from './logging.js';
export { limitHeapGrowth } from './memory.js';
