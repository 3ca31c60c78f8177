import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { LeadsModule } from '@app/leads';
import { AuditModule } from '@app/audit';
import { LeadActivity } from './lead-activity.entity.js';
import { LeadTask } from './lead-task.entity.js';
import { LeadStageChange } from './stage-change.entity.js';
import { PipelineRepository } from './pipeline.repository.js';
import { PipelineService } from './pipeline.service.js';

@Module({
  imports: [TypeOrmModule.forFeature([LeadActivity, LeadTask, LeadStageChange]), LeadsModule, AuditModule],
  providers: [PipelineRepository, PipelineService],
  exports: [PipelineService],
})
export class PipelineModule {}
