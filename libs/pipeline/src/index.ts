export {
  PIPELINE_STAGES,
  STAGE_LABELS_ZH,
  LOST_REASONS,
  LOST_REASON_LABELS_ZH,
  stageRank,
  decideStageChange,
  type PipelineStage,
  type LostReason,
  type SignedDetails,
  type StageChangeRequest,
  type StageDecision,
  type StageDirection,
  type StageChangeEffects,
} from './stage-machine.js';
export { LeadStageChange } from './stage-change.entity.js';
export { LeadProgress } from './lead-progress.entity.js';
export { LeadActivity, ACTIVITY_TYPES, CONTACT_ACTIVITY_TYPES, ACTIVITY_LABELS_ZH, type ActivityType } from './lead-activity.entity.js';
export { LeadTask, TASK_STATUSES, type TaskStatus } from './lead-task.entity.js';
export { encodeCursor, decodeCursor, classifySearch, searchHex, type ListCursor, type SearchKind } from './list-cursor.js';
export type { LeadSummaryView, LeadDetailView, StageChangeView, ActivityView, TaskView, EventView } from './lead-views.js';
export {
  PipelineService,
  type StageChangeCommand,
  type ActivityCommand,
  type TaskCommand,
  type TaskChanges,
  type LeadEdits,
  type LeadListQuery,
} from './pipeline.service.js';
export { TaskRemindersService, TASK_REMINDERS_JOB, taskDueMessage } from './task-reminders.service.js';
export { PipelineModule } from './pipeline.module.js';

import { LeadActivity } from './lead-activity.entity.js';
import { LeadTask } from './lead-task.entity.js';
import { LeadStageChange } from './stage-change.entity.js';
import { LeadProgress } from './lead-progress.entity.js';
export const PIPELINE_ENTITIES = [LeadStageChange, LeadActivity, LeadTask, LeadProgress];
