export { ConsultantProfile } from './consultant-profile.entity.js';
export { Team } from './team.entity.js';
export { RoutingRule, RULE_TARGET_TYPES, type RuleTargetType } from './routing-rule.entity.js';
export { RoutingState, RoutingRotation, HolidayCalendar } from './routing-state.entity.js';
export { RoutingSettings, BREACH_ACTIONS, type BreachAction } from './routing-settings.entity.js';
export { LeadSla } from './lead-sla.entity.js';
export { ConsultantLoad, CONSULTANT_LOAD_SHARDS } from './consultant-load.entity.js';
export {
  decideRouting,
  unmetCondition,
  ineligibility,
  type LeadFacts,
  type RuleConditions,
  type RuleView,
  type RuleTarget,
  type RoutingStrategy,
  type CandidateState,
  type RoutingDecision,
  type RoutingStep,
} from './routing-decision.js';
export {
  DEFAULT_WORKING_HOURS,
  workingMinutesBetween,
  isWorkingTime,
  isWorkingDay,
  type WorkingHours,
  type CalendarOverrides,
} from './working-time.js';
export { CHINA_HOLIDAYS_2026, type HolidayEntry } from './china-holidays-2026.js';
export { RoutingService, factsOf, rotationSequenceName, LEAST_LOADED_BAND } from './routing.service.js';
export { RoutingAdminService, type ProfileChanges, type RuleInput } from './routing-admin.service.js';
export { SlaService, slaLevel, SLA_SCAN_JOB, ROUTING_QUEUE_SWEEP_JOB } from './sla.service.js';
export { DailyDigestService, DAILY_DIGEST_JOB, type DailyFigures } from './daily-digest.service.js';
export { RoutingModule } from './routing.module.js';

import { ConsultantProfile } from './consultant-profile.entity.js';
import { Team } from './team.entity.js';
import { RoutingRule } from './routing-rule.entity.js';
import { RoutingState, RoutingRotation, HolidayCalendar } from './routing-state.entity.js';
import { RoutingSettings } from './routing-settings.entity.js';
import { LeadSla } from './lead-sla.entity.js';
import { ConsultantLoad } from './consultant-load.entity.js';
export const ROUTING_ENTITIES = [
  ConsultantProfile,
  Team,
  RoutingRule,
  RoutingState,
  RoutingRotation,
  HolidayCalendar,
  RoutingSettings,
  LeadSla,
  ConsultantLoad,
];
