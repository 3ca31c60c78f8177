import { Module, type DynamicModule } from '@nestjs/common';
import type { AppConfig } from '@app/config';
import { FEATURE_MODULES, coreModules } from '@app/runtime';

@Module({})
export class CliModule {
  static register(config: AppConfig, databaseUrl: string): DynamicModule {
    return { module: CliModule, imports: [...coreModules({ ...config, runWorker: false }, databaseUrl, 'cli', 4), ...FEATURE_MODULES] };
  }
}
