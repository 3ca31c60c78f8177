import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { LeadsModule } from '@app/leads';
import { AuditModule } from '@app/audit';
import { NotificationsModule } from '@app/notifications';
import { DemoModule } from '@app/demo';
import { RoutingModule } from '@app/routing';
import { LeadActivity } from './lead-activity.entity.js';
import { LeadTask } from './lead-task.entity.js';
import { LeadStageChange } from './stage-change.entity.js';
import { PipelineRepository } from './pipeline.repository.js';
import { PipelineService } from './pipeline.service.js';
import { TaskRemindersService } from './task-reminders.service.js';
import { PipelineDemo } from './pipeline-demo.js';

@Module({
  imports: [
    TypeOrmModule.forFeature([LeadActivity, LeadTask, LeadStageChange]),
    LeadsModule,
    AuditModule,
    NotificationsModule,
    DemoModule,
    RoutingModule,
  ],
  providers: [PipelineRepository, PipelineService, TaskRemindersService, PipelineDemo],
  exports: [PipelineService, TaskRemindersService],
})
export class PipelineModule {}
