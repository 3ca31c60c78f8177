export { SnakeNamingStrategy } from './naming-strategy.js';
export { startEmbeddedPostgres, ensureDatabase, type EmbeddedPostgresHandle } from './embedded-postgres.js';
export { dataSourceOptions, type DatabaseSettings } from './data-source-options.js';
export { DatabaseModule } from './database.module.js';
export { pendingSchemaChanges, migrationsPending } from './migrations-check.js';
export { backupDatabase, restoreDatabase, pgTool } from './backup.js';
export { numericTransformer } from './numeric-transformer.js';
export { preparedQuery } from './prepared-query.js';
export { BatchQueue, type BatchQueueOptions } from './batch-queue.js';
