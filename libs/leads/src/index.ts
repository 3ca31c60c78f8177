export {
  Lead,
  LEAD_STAGES,
  CLOSED_STAGES,
  OPEN_STAGES,
  LEAD_CHANNELS,
  PROPERTY_TYPES,
  DEAL_TYPES,
  type LeadStage,
  type LeadChannel,
  type PropertyType,
  type DealType,
} from './lead.entity.js';
export { LeadEvent, LEAD_EVENT_TYPES, type LeadEventType } from './lead-event.entity.js';
export { ConsentRecord } from './consent-record.entity.js';
export { IntakeIdempotency } from './intake-idempotency.entity.js';
export { LeadCreatedQueue } from './lead-created-queue.entity.js';
export { numericTransformer } from '@app/database';
export { LeadsRepository } from './leads.repository.js';
export { LeadLifecycle, type LeadCreatedHandler, type LeadStageChangedHandler } from './lead-lifecycle.js';
export { LeadsModule } from './leads.module.js';
export { LeadIntakeService, INTAKE_LIMITS, firstNameOf } from './lead-intake.service.js';
export type { IntakeInput, IntakeContext, IntakeResult, IntakeCreated, IntakeDuplicate, LeadStatus } from './intake-types.js';
export * from './parsing/index.js';
export { normalizePhone, type NormalizedPhone } from './parsing/index.js';

import { Lead } from './lead.entity.js';
import { LeadEvent } from './lead-event.entity.js';
import { ConsentRecord } from './consent-record.entity.js';
import { IntakeIdempotency } from './intake-idempotency.entity.js';
import { LeadCreatedQueue } from './lead-created-queue.entity.js';
export const LEADS_ENTITIES = [Lead, LeadEvent, ConsentRecord, IntakeIdempotency, LeadCreatedQueue];
