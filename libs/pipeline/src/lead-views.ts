import type { Lead, LeadEvent } from '@app/leads';
import type { LeadActivity } from './lead-activity.entity.js';
import type { LeadTask } from './lead-task.entity.js';
import type { LeadStageChange } from './stage-change.entity.js';

/** A row of the lead list (phone always masked). */
export interface LeadSummaryView {
  id: string;
  reference: string;
  stage: string;
  ownerId: string | null;
  ownerName: string | null;
  channel: string;
  sourceArticleId: string | null;
  company: string;
  contactName: string;
  phoneMasked: string;
  industryCode: string | null;
  industryName: string | null;
  signedParkId: string | null;
  createdAt: string;
  firstResponseAt: string | null;
  lastActivityAt: string | null;
}

export interface StageChangeView {
  id: string;
  from: string;
  to: string;
  reason: string | null;
  lostReason: string | null;
  lostNote: string | null;
  actorId: string | null;
  actorName: string | null;
  at: string;
}

export interface ActivityView {
  id: string;
  type: string;
  body: string;
  at: string;
  listingIds: string[];
  authorId: string | null;
  authorName: string | null;
}

export interface TaskView {
  id: string;
  leadId: string;
  leadReference: string | null;
  title: string;
  dueAt: string;
  assigneeId: string;
  assigneeName: string | null;
  status: string;
  doneAt: string | null;
  createdAt: string;
}

export interface EventView {
  id: string;
  type: string;
  actorId: string | null;
  at: string;
  data: Record<string, unknown>;
}

/** A message sent (or queued) about the lead; never the recipient address or the message body. */
export interface NotificationView {
  id: string;
  kind: string;
  channel: string;
  status: string;
  subject: string;
  attempts: number;
  createdAt: string;
  sentAt: string | null;
}

export interface LeadDetailView extends LeadSummaryView {
  /** Full phone for the owner and managers; masked for everyone else. */
  phone: string;
  email: string | null;
  wechat: string | null;
  need: string;
  usage: string;
  taxText: string;
  parsed: Record<string, unknown>;
  propertyType: string | null;
  dealType: string | null;
  areaSqmMin: number | null;
  areaSqmMax: number | null;
  annualTaxWan: number | null;
  investmentWan: number | null;
  lostReason: string | null;
  lostNote: string | null;
  signedInvestmentWan: number | null;
  signedAnnualTaxWan: number | null;
  signedListingId: string | null;
  signedAt: string | null;
  assignedAt: string | null;
  previousLeadId: string | null;
  owner: { id: string; name: string } | null;
  stageHistory: StageChangeView[];
  activities: ActivityView[];
  tasks: TaskView[];
  events: EventView[];
  notifications: NotificationView[];
}

const iso = (d: Date | null | undefined) => (d ? d.toISOString() : null);

/** What a summary shows of a lead: a whole entity, or a list row read without one. */
export type LeadSummarySource = Pick<
  Lead,
  | 'id'
  | 'reference'
  | 'stage'
  | 'ownerId'
  | 'channel'
  | 'sourceArticleId'
  | 'company'
  | 'contactName'
  | 'phoneMasked'
  | 'industryCode'
  | 'industryName'
  | 'signedParkId'
  | 'createdAt'
  | 'firstResponseAt'
  | 'lastActivityAt'
>;

export function toSummary(l: LeadSummarySource, ownerName: string | null): LeadSummaryView {
  return {
    id: l.id,
    reference: l.reference,
    stage: l.stage,
    ownerId: l.ownerId,
    ownerName,
    channel: l.channel,
    sourceArticleId: l.sourceArticleId,
    company: l.company,
    contactName: l.contactName,
    phoneMasked: l.phoneMasked,
    industryCode: l.industryCode,
    industryName: l.industryName,
    signedParkId: l.signedParkId,
    createdAt: l.createdAt.toISOString(),
    firstResponseAt: iso(l.firstResponseAt),
    lastActivityAt: iso(l.lastActivityAt),
  };
}

export function toStageChange(c: LeadStageChange, names: Map<string, string>): StageChangeView {
  return {
    id: c.id,
    from: c.fromStage,
    to: c.toStage,
    reason: c.reason,
    lostReason: c.lostReason,
    lostNote: c.lostNote,
    actorId: c.actorId,
    actorName: c.actorId ? (names.get(c.actorId) ?? null) : null,
    at: c.at.toISOString(),
  };
}

export function toActivity(a: LeadActivity, names: Map<string, string>): ActivityView {
  return {
    id: a.id,
    type: a.type,
    body: a.body,
    at: a.at.toISOString(),
    listingIds: a.listingIds,
    authorId: a.authorId,
    authorName: a.authorId ? (names.get(a.authorId) ?? null) : null,
  };
}

export function toTask(t: LeadTask, names: Map<string, string>, refs: Map<string, { reference: string }>): TaskView {
  return {
    id: t.id,
    leadId: t.leadId,
    leadReference: refs.get(t.leadId)?.reference ?? null,
    title: t.title,
    dueAt: t.dueAt.toISOString(),
    assigneeId: t.assigneeId,
    assigneeName: names.get(t.assigneeId) ?? null,
    status: t.status,
    doneAt: iso(t.doneAt),
    createdAt: t.createdAt.toISOString(),
  };
}

/** Event data never carries a clear or encrypted phone out of the API. */
export function toEvent(e: LeadEvent): EventView {
  const data = { ...e.data };
  delete data.phone;
  delete data.phoneEnc;
  return { id: e.id, type: e.type, actorId: e.actorId, at: e.at.toISOString(), data };
}
