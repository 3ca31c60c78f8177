import { Module, type DynamicModule } from '@nestjs/common';
import type { AppConfig } from '@app/config';
import { FEATURE_MODULES, coreModules } from '@app/runtime';
import { HealthController } from './health/health.controller.js';
import { ArticlesController, ParksController, PoliciesController } from './knowledge/knowledge.controller.js';
import { RoutingController } from './routing/routing.controller.js';
import { ConsultantsController } from './routing/consultants.controller.js';
import { PoolController } from './routing/pool.controller.js';
import { NotificationsController } from './notifications/notifications.controller.js';
import { AuthController } from './identity/auth.controller.js';
import { UsersController } from './identity/users.controller.js';
import { LeadsPipelineController } from './pipeline/leads-pipeline.controller.js';
import { TasksController } from './pipeline/tasks.controller.js';
import { ReportsController } from './reports/reports.controller.js';
import { ListingsController } from './listings/listings.controller.js';
import { MatchingController } from './matching/matching.controller.js';
import { PrivacyController } from './privacy/privacy.controller.js';
import { LeadsIntakeController } from './leads/leads-intake.controller.js';

/** The API process: the shared feature modules plus their HTTP controllers. */
@Module({})
export class AppModule {
  static register(config: AppConfig, databaseUrl: string): DynamicModule {
    return {
      module: AppModule,
      imports: [...coreModules(config, databaseUrl, 'api'), ...FEATURE_MODULES],
      controllers: [HealthController, LeadsIntakeController, ArticlesController, ParksController, PoliciesController, AuthController, UsersController, ListingsController, MatchingController, LeadsPipelineController, TasksController, ReportsController, PrivacyController, RoutingController, ConsultantsController, PoolController, NotificationsController],
    };
  }
}
