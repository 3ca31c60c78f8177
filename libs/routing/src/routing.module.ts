import { Module } from '@nestjs/common';
import { LeadsModule } from '@app/leads';
import { NotificationsModule } from '@app/notifications';
import { RoutingAdminService } from './routing-admin.service.js';
import { RoutingService } from './routing.service.js';
import { SlaService } from './sla.service.js';
import { DailyDigestService } from './daily-digest.service.js';
import { RoutingDemo } from './routing-demo.js';
import { DemoModule } from '@app/demo';
import { IdentityModule } from '@app/identity';

@Module({
  imports: [LeadsModule, NotificationsModule, DemoModule, IdentityModule],
  providers: [RoutingService, RoutingAdminService, SlaService, DailyDigestService, RoutingDemo],
  exports: [RoutingService, RoutingAdminService, SlaService, DailyDigestService],
})
export class RoutingModule {}
