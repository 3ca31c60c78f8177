export { JobsService, type JobHandler, type JobsHealth, type SqlExecutor } from './jobs.service.js';
export { JobsModule } from './jobs.module.js';
