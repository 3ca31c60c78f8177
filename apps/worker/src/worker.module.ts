import { Module, type DynamicModule } from '@nestjs/common';
import type { AppConfig } from '@app/config';
import { FEATURE_MODULES, coreModules } from '@app/runtime';

/** The worker process: the feature modules, whose job handlers deliver notifications, run SLA timers and imports. No HTTP. */
@Module({})
export class WorkerModule {
  static register(config: AppConfig, databaseUrl: string): DynamicModule {
    return { module: WorkerModule, imports: [...coreModules(config, databaseUrl, 'worker', 10), ...FEATURE_MODULES] };
  }
}
