import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { Lead } from './lead.entity.js';
import { LeadEvent } from './lead-event.entity.js';
import { ConsentRecord } from './consent-record.entity.js';
import { IntakeIdempotency } from './intake-idempotency.entity.js';
import { LeadsRepository } from './leads.repository.js';
import { LeadLifecycle } from './lead-lifecycle.js';
import { LeadIntakeService } from './lead-intake.service.js';
import { LeadsDemo } from './leads-demo.js';
import { DemoModule } from '@app/demo';

@Module({
  imports: [TypeOrmModule.forFeature([Lead, LeadEvent, ConsentRecord, IntakeIdempotency]), DemoModule],
  providers: [LeadsRepository, LeadLifecycle, LeadIntakeService, LeadsDemo],
  exports: [LeadsRepository, LeadLifecycle, LeadIntakeService],
})
export class LeadsModule {}
