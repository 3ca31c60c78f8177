import type { DynamicModule, Type } from '@nestjs/common';
import { LoggerModule } from 'nestjs-pino';
import { ConfigModule, type AppConfig } from '@app/config';
import { DatabaseModule } from '@app/database';
import { IdentityModule } from '@app/identity';
import { JobsModule } from '@app/jobs';
import { PrivacyModule } from '@app/privacy';
import { RateLimitModule } from '@app/rate-limit';
import { DemoModule } from '@app/demo';
import { LeadsModule } from '@app/leads';
import { KnowledgeModule } from '@app/knowledge';
import { RoutingModule } from '@app/routing';
import { NotificationsModule } from '@app/notifications';
import { ListingsModule } from '@app/listings';
import { MatchingModule } from '@app/matching';
import { AuditModule } from '@app/audit';
import { PipelineModule } from '@app/pipeline';
import { ReportsModule } from '@app/reports';
import { ENTITIES, MIGRATIONS } from '@app/migrations';
import { PrivacyRequestsModule } from '@app/privacy-requests';
import { loggingOptions } from './logging.js';

/**
 * The feature modules every process loads (the API adds controllers, the worker consumes jobs, the
 * CLI runs commands). A new feature lib adds its module here.
 */
export const FEATURE_MODULES: Type[] = [
  IdentityModule,
  DemoModule,
  LeadsModule,
  KnowledgeModule,
  AuditModule,
  PipelineModule,
  ReportsModule,
  ListingsModule,
  MatchingModule,
  NotificationsModule,
  RoutingModule,
  PrivacyRequestsModule,
];

/** Infrastructure shared by every process: config, logs, database, jobs, privacy, rate limits. */
export function coreModules(
  config: AppConfig,
  databaseUrl: string,
  processName: string,
  poolSize = config.databasePoolSize,
): (DynamicModule | Type)[] {
  return [
    ConfigModule.forRoot(config),
    LoggerModule.forRoot(loggingOptions(config)),
    DatabaseModule.forRoot({
      url: databaseUrl,
      entities: ENTITIES,
      migrations: MIGRATIONS,
      applicationName: `zhaoshang-crm-${processName}`,
      poolSize,
      connectionTimeoutMs: config.databasePoolTimeoutMs,
    }),
    JobsModule.forRoot(databaseUrl),
    PrivacyModule,
    RateLimitModule,
  ];
}
