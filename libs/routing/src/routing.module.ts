import { Module } from '@nestjs/common';
import { LeadsModule } from '@app/leads';
import { NotificationsModule } from '@app/notifications';
import { RoutingAdminService } from './routing-admin.service.js';
import { RoutingService } from './routing.service.js';
import { SlaService } from './sla.service.js';
import { DailyDigestService } from './daily-digest.service.js';

@Module({
  imports: [LeadsModule, NotificationsModule],
  providers: [RoutingService, RoutingAdminService, SlaService, DailyDigestService],
  exports: [RoutingService, RoutingAdminService, SlaService, DailyDigestService],
})
export class RoutingModule {}
