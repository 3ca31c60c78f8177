import { Global, Module, type DynamicModule } from '@nestjs/common';
import { JobsService } from './jobs.service.js';
import { JOBS_DATABASE_URL } from './tokens.js';

@Global()
@Module({})
export class JobsModule {
  static forRoot(databaseUrl: string): DynamicModule {
    return {
      module: JobsModule,
      providers: [{ provide: JOBS_DATABASE_URL, useValue: databaseUrl }, JobsService],
      exports: [JobsService],
    };
  }
}
