import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { DomainError } from '@app/errors';
import { seesAllLeads, type AuthUser } from '@app/identity';
import {
  LEAD_CHANNELS,
  LeadLifecycle,
  LeadsRepository,
  type DealType,
  type Lead,
  type LeadChannel,
  type LeadStage,
  type PropertyType,
} from '@app/leads';
import { PersonalDataCipher } from '@app/privacy';
import { AuditService, diffFields } from '@app/audit';
import { NotificationsService } from '@app/notifications';
import { RoutingService } from '@app/routing';
import { PipelineRepository, type LeadListFilter } from './pipeline.repository.js';
import { decideStageChange, type SignedDetails } from './stage-machine.js';
import { CONTACT_ACTIVITY_TYPES, type ActivityType } from './lead-activity.entity.js';
import type { TaskStatus } from './lead-task.entity.js';
import { decodeCursor, encodeCursor } from './list-cursor.js';
import {
  toActivity,
  toEvent,
  toStageChange,
  toSummary,
  toTask,
  type ActivityView,
  type LeadDetailView,
  type LeadSummaryView,
  type StageChangeView,
  type TaskView,
} from './lead-views.js';

export interface StageChangeCommand {
  stage: LeadStage;
  reason?: string;
  lostReason?: string;
  lostNote?: string;
  signed?: SignedDetails;
  /** When it happened; defaults to now. */
  at?: Date;
}

export interface ActivityCommand {
  type: ActivityType;
  body: string;
  at?: Date;
  listingIds?: string[];
}

export interface TaskCommand {
  title: string;
  dueAt: Date;
  assigneeId?: string;
}

export interface TaskChanges {
  title?: string;
  dueAt?: Date;
  status?: TaskStatus;
  assigneeId?: string;
}

export interface LeadEdits {
  company?: string;
  contactName?: string;
  email?: string | null;
  wechat?: string | null;
  need?: string;
  usage?: string;
  taxText?: string;
  industryCode?: string | null;
  industryName?: string | null;
  channel?: LeadChannel;
  sourceArticleId?: string | null;
  propertyType?: PropertyType | null;
  dealType?: DealType | null;
  areaSqmMin?: number | null;
  areaSqmMax?: number | null;
  annualTaxWan?: number | null;
  investmentWan?: number | null;
  region?: string | null;
  strategicIndustry?: string | null;
  /** Reassign: a user id, or null to return the lead to the pool. */
  ownerId?: string | null;
}

export interface LeadListQuery {
  stages?: LeadStage[];
  ownerId?: string;
  parkId?: string;
  channel?: LeadChannel;
  sourceArticleId?: string;
  q?: string;
  cursor?: string;
  limit?: number;
}

/** How far in the future a recorded time may be (clock skew between devices). */
const FUTURE_SKEW_MS = 5 * 60_000;
const EDITABLE: (keyof LeadEdits)[] = [
  'company',
  'contactName',
  'email',
  'wechat',
  'need',
  'usage',
  'taxText',
  'industryCode',
  'industryName',
  'channel',
  'sourceArticleId',
  'propertyType',
  'dealType',
  'areaSqmMin',
  'areaSqmMax',
  'annualTaxWan',
  'investmentWan',
  'region',
  'strategicIndustry',
];

const notFound = () => DomainError.notFound('Lead', '线索');

/**
 * The pipeline: who may see and work a lead, stage changes (through the pure stage machine),
 * activities, tasks, manager edits, reassignment and merges. Every change is audited in the same
 * transaction.
 */
@Injectable()
export class PipelineService {
  constructor(
    private readonly repo: PipelineRepository,
    private readonly leads: LeadsRepository,
    private readonly lifecycle: LeadLifecycle,
    private readonly audit: AuditService,
    private readonly cipher: PersonalDataCipher,
    private readonly notifications: NotificationsService,
    private readonly routing: RoutingService,
  ) {}

  /** Consultants see their own leads and the pool; another consultant's lead does not exist for them. */
  canSee(user: AuthUser, lead: Pick<Lead, 'ownerId' | 'spam'>): boolean {
    if (seesAllLeads(user)) return true;
    return !lead.spam && (lead.ownerId === null || lead.ownerId === user.id);
  }

  /** The lead locked for a change by this user: 404 when invisible, 403 on a pool lead not yet claimed. */
  private async lockWritable(m: EntityManager, user: AuthUser, id: string): Promise<Lead> {
    const lead = await this.repo.lockLead(m, id);
    if (!lead || !this.canSee(user, lead)) throw notFound();
    if (!seesAllLeads(user) && lead.ownerId !== user.id) {
      throw new DomainError(
        'forbidden',
        'CLAIM_FIRST',
        '这是公海线索，请先认领再跟进',
        'This lead is in the pool; claim it before working it',
      );
    }
    return lead;
  }

  private checkTime(field: string, at: Date | undefined, lead: Lead, now: Date): Date {
    const t = at ?? now;
    if (t.getTime() > now.getTime() + FUTURE_SKEW_MS) {
      throw DomainError.field(field, 'IN_FUTURE', '时间不能晚于现在', `${field} cannot be in the future`);
    }
    if (t.getTime() < lead.createdAt.getTime() - FUTURE_SKEW_MS) {
      throw DomainError.field(field, 'BEFORE_LEAD', '时间不能早于线索创建时间', `${field} cannot be before the lead was created`);
    }
    return t;
  }

  async changeStage(user: AuthUser, id: string, cmd: StageChangeCommand, now = new Date()): Promise<StageChangeView> {
    return this.repo.transaction(async (m) => {
      const lead = await this.lockWritable(m, user, id);
      const at = this.checkTime('at', cmd.at, lead, now);
      const last = await this.repo.lastStageChangeAt(m, id);
      if (last && at < last) {
        throw DomainError.field(
          'at',
          'BEFORE_PREVIOUS_CHANGE',
          '时间不能早于上一次阶段变更',
          'at cannot be before the previous stage change',
        );
      }
      const decision = decideStageChange(
        lead.stage,
        { to: cmd.stage, reason: cmd.reason, lostReason: cmd.lostReason, lostNote: cmd.lostNote, signed: cmd.signed },
        now,
      );
      if (!decision.ok) throw DomainError.validation(decision.errors);
      const from = lead.stage;
      const before = { ...lead };
      Object.assign(lead, decision.effects);
      await this.leads.saveLead(lead, m);
      const change = await this.repo.addStageChange(m, {
        leadId: id,
        fromStage: from,
        toStage: cmd.stage,
        reason: cmd.reason?.trim() || null,
        lostReason: decision.effects.lostReason ?? null,
        lostNote: decision.effects.lostNote ?? null,
        actorId: user.id,
        at,
      });
      await this.leads.addEvent(
        m,
        id,
        'stage_change',
        {
          from,
          to: cmd.stage,
          direction: decision.direction,
          reason: change.reason,
          lostReason: change.lostReason,
          lostNote: change.lostNote,
          stageChangeId: change.id,
          at: at.toISOString(),
        },
        user.id,
      );
      await this.audit.record(m, {
        actorId: user.id,
        action: 'lead.stage',
        entity: 'lead',
        entityId: id,
        details: { direction: decision.direction, changes: diffFields(before, { ...decision.effects }), reason: change.reason },
      });
      await this.lifecycle.runStageChanged(m, lead, from, cmd.stage, user.id);
      return toStageChange(change, new Map([[user.id, user.name]]));
    });
  }

  async addActivity(user: AuthUser, id: string, cmd: ActivityCommand, now = new Date()): Promise<ActivityView> {
    return this.repo.transaction(async (m) => {
      const lead = await this.lockWritable(m, user, id);
      const at = this.checkTime('at', cmd.at, lead, now);
      const activity = await this.repo.addActivity(m, {
        leadId: id,
        type: cmd.type,
        body: cmd.body.trim(),
        at,
        listingIds: [...new Set(cmd.listingIds ?? [])],
        authorId: user.id,
      });
      const changes: Partial<Lead> = {};
      if (CONTACT_ACTIVITY_TYPES.includes(cmd.type) && (!lead.firstResponseAt || at < lead.firstResponseAt)) changes.firstResponseAt = at;
      if (!lead.lastActivityAt || at > lead.lastActivityAt) changes.lastActivityAt = at;
      if (Object.keys(changes).length) {
        Object.assign(lead, changes);
        await this.leads.saveLead(lead, m);
      }
      await this.leads.addEvent(m, id, 'activity', { activityId: activity.id, type: cmd.type, at: at.toISOString() }, user.id);
      await this.audit.record(m, {
        actorId: user.id,
        action: 'lead.activity',
        entity: 'lead',
        entityId: id,
        details: { activityId: activity.id, type: cmd.type, firstResponse: Boolean(changes.firstResponseAt) },
      });
      return toActivity(activity, new Map([[user.id, user.name]]));
    });
  }

  private async checkAssignee(m: EntityManager, user: AuthUser, assigneeId: string): Promise<string> {
    if (!seesAllLeads(user) && assigneeId !== user.id) {
      throw DomainError.field('assigneeId', 'NOT_ALLOWED', '顾问只能给自己安排待办', 'A consultant can only assign tasks to themselves');
    }
    const assignee = await this.repo.findUser(assigneeId, m);
    if (!assignee || !assignee.active) {
      throw DomainError.field('assigneeId', 'UNKNOWN_USER', '负责人不存在或已停用', 'assigneeId is not an active user');
    }
    return assignee.name;
  }

  async createTask(user: AuthUser, leadId: string, cmd: TaskCommand): Promise<TaskView> {
    return this.repo.transaction(async (m) => {
      const lead = await this.lockWritable(m, user, leadId);
      const assigneeId = cmd.assigneeId ?? user.id;
      const assigneeName = await this.checkAssignee(m, user, assigneeId);
      const task = await this.repo.createTask(m, {
        leadId,
        title: cmd.title.trim(),
        dueAt: cmd.dueAt,
        assigneeId,
        status: 'open',
        createdById: user.id,
      });
      await this.leads.addEvent(
        m,
        leadId,
        'task',
        { taskId: task.id, title: task.title, dueAt: task.dueAt.toISOString(), assigneeId },
        user.id,
      );
      await this.audit.record(m, {
        actorId: user.id,
        action: 'task.create',
        entity: 'task',
        entityId: task.id,
        details: { leadId, assigneeId },
      });
      return toTask(task, new Map([[assigneeId, assigneeName]]), new Map([[leadId, { reference: lead.reference }]]));
    });
  }

  async updateTask(user: AuthUser, taskId: string, changes: TaskChanges, now = new Date()): Promise<TaskView> {
    return this.repo.transaction(async (m) => {
      const task = await this.repo.lockTask(m, taskId);
      const lead = task ? await this.repo.findLead(task.leadId, m) : null;
      const mayEdit = task && lead && (seesAllLeads(user) || task.assigneeId === user.id || lead.ownerId === user.id);
      if (!task || !lead || !mayEdit) throw DomainError.notFound('Task', '待办');
      const before = { title: task.title, dueAt: task.dueAt, status: task.status, assigneeId: task.assigneeId };
      if (changes.assigneeId !== undefined && changes.assigneeId !== task.assigneeId) {
        await this.checkAssignee(m, user, changes.assigneeId);
        task.assigneeId = changes.assigneeId;
      }
      if (changes.title !== undefined) task.title = changes.title.trim();
      if (changes.dueAt !== undefined) {
        task.dueAt = changes.dueAt;
        task.remindedAt = null;
      }
      if (changes.status !== undefined && changes.status !== task.status) {
        task.status = changes.status;
        task.doneAt = changes.status === 'done' ? now : null;
      }
      await this.repo.saveTask(task, m);
      const after = { title: task.title, dueAt: task.dueAt, status: task.status, assigneeId: task.assigneeId };
      await this.audit.record(m, {
        actorId: user.id,
        action: 'task.update',
        entity: 'task',
        entityId: task.id,
        details: { leadId: task.leadId, changes: diffFields(before, after) },
      });
      const names = await this.repo.userNames([task.assigneeId], m);
      return toTask(task, names, new Map([[lead.id, { reference: lead.reference }]]));
    });
  }

  /** Tasks: `mine` = assigned to the caller; `dueBefore` = open tasks due before then. */
  async listTasks(user: AuthUser, q: { mine?: boolean; dueBefore?: Date; statuses?: TaskStatus[]; leadId?: string }): Promise<TaskView[]> {
    const tasks = await this.repo.listTasks({
      visibleTo: seesAllLeads(user) ? undefined : user.id,
      assigneeId: q.mine ? user.id : undefined,
      statuses: q.statuses ?? (q.dueBefore ? ['open'] : undefined),
      dueBefore: q.dueBefore,
      leadId: q.leadId,
    });
    const names = await this.repo.userNames(tasks.map((t) => t.assigneeId));
    const refs = await this.repo.leadReferences(tasks.map((t) => t.leadId));
    return tasks.map((t) => toTask(t, names, refs));
  }

  async list(user: AuthUser, q: LeadListQuery): Promise<{ items: LeadSummaryView[]; nextCursor: string | null }> {
    const limit = Math.min(Math.max(q.limit ?? 20, 1), 100);
    const filter: LeadListFilter = {
      visibleTo: seesAllLeads(user) ? undefined : user.id,
      stages: q.stages,
      ownerId: q.ownerId,
      parkId: q.parkId,
      channel: q.channel,
      sourceArticleId: q.sourceArticleId,
      q: q.q,
      cursor: q.cursor ? decodeCursor(q.cursor) : undefined,
      limit,
    };
    const rows = await this.repo.listLeads(filter);
    const page = rows.slice(0, limit);
    const last = page[page.length - 1];
    return {
      items: page.map((r) => toSummary(r, r.ownerId ? r.ownerName : null)),
      nextCursor: rows.length > limit ? encodeCursor({ createdAt: last.cursor, id: last.id }) : null,
    };
  }

  async detail(user: AuthUser, id: string): Promise<LeadDetailView> {
    const lead = await this.repo.findLead(id);
    if (!lead || !this.canSee(user, lead)) throw notFound();
    const [history, activities, tasks, events, notifications] = await Promise.all([
      this.repo.stageHistory(id),
      this.repo.activities(id),
      this.repo.leadTasks(id),
      this.repo.events(id),
      this.notifications.list({ leadId: id, limit: 200 }),
    ]);
    const names = await this.repo.userNames([
      lead.ownerId,
      ...history.map((h) => h.actorId),
      ...activities.map((a) => a.authorId),
      ...tasks.map((t) => t.assigneeId),
    ]);
    const ownerName = lead.ownerId ? (names.get(lead.ownerId) ?? null) : null;
    // An anonymised lead has no phone left to show (privacy erasure / retention).
    const fullPhone = (seesAllLeads(user) || lead.ownerId === user.id) && lead.phoneEnc !== '';
    // Showing the full phone is an audited access to personal data (PIPL); so is POST /leads/:id/reveal-phone.
    if (fullPhone) {
      await this.audit.record(undefined, {
        actorId: user.id,
        action: 'lead.view_phone',
        entity: 'lead',
        entityId: lead.id,
        details: { reference: lead.reference, phoneMasked: lead.phoneMasked },
      });
    }
    const refs = new Map([[lead.id, { reference: lead.reference }]]);
    return {
      ...toSummary(lead, ownerName),
      phone: fullPhone ? this.cipher.decrypt(lead.phoneEnc) : lead.phoneMasked,
      email: lead.email,
      wechat: lead.wechat,
      need: lead.need,
      usage: lead.usage,
      taxText: lead.taxText,
      parsed: lead.parsed,
      propertyType: lead.propertyType,
      dealType: lead.dealType,
      areaSqmMin: lead.areaSqmMin,
      areaSqmMax: lead.areaSqmMax,
      annualTaxWan: lead.annualTaxWan,
      investmentWan: lead.investmentWan,
      lostReason: lead.lostReason,
      lostNote: lead.lostNote,
      signedInvestmentWan: lead.signedInvestmentWan,
      signedAnnualTaxWan: lead.signedAnnualTaxWan,
      signedListingId: lead.signedListingId,
      signedAt: lead.signedAt?.toISOString() ?? null,
      assignedAt: lead.assignedAt?.toISOString() ?? null,
      previousLeadId: lead.previousLeadId,
      owner: lead.ownerId ? { id: lead.ownerId, name: ownerName ?? '' } : null,
      stageHistory: history.map((h) => toStageChange(h, names)),
      activities: activities.map((a) => toActivity(a, names)),
      tasks: tasks.map((t) => toTask(t, names, refs)),
      events: events.map(toEvent),
      notifications: notifications.map((n) => ({
        id: n.id,
        kind: n.payload.kind,
        channel: n.channel,
        status: n.status,
        subject: n.payload.subject,
        attempts: n.attempts,
        createdAt: n.createdAt.toISOString(),
        sentAt: n.sentAt?.toISOString() ?? null,
      })),
    };
  }

  /** Manager edits: any listed field, and reassignment (ownerId; null returns the lead to the pool). */
  async edit(user: AuthUser, id: string, edits: LeadEdits): Promise<LeadDetailView> {
    if (!seesAllLeads(user)) throw DomainError.forbidden();
    await this.repo.transaction(async (m) => {
      const lead = await this.repo.lockLead(m, id);
      if (!lead) throw notFound();
      const before: Record<string, unknown> = { ...lead };
      for (const k of EDITABLE) {
        if (edits[k] === undefined) continue;
        if (k === 'channel' && !(LEAD_CHANNELS as readonly string[]).includes(edits.channel!)) {
          throw DomainError.field(
            'channel',
            'IS_IN',
            `渠道须为：${LEAD_CHANNELS.join('、')}`,
            `channel must be one of ${LEAD_CHANNELS.join(', ')}`,
          );
        }
        (lead as unknown as Record<string, unknown>)[k] = typeof edits[k] === 'string' ? (edits[k] as string).trim() : edits[k];
      }
      if (lead.areaSqmMin !== null && lead.areaSqmMax !== null && lead.areaSqmMin > lead.areaSqmMax) {
        throw DomainError.field('areaSqmMax', 'MIN_ABOVE_MAX', '最大面积不能小于最小面积', 'areaSqmMax must be at least areaSqmMin');
      }
      if (edits.ownerId !== undefined && edits.ownerId !== lead.ownerId) {
        // Reassignment goes through routing (assignment event, first-response timer, notifications, load).
        const seq = await this.routing.nextDecision(m);
        if (edits.ownerId !== null) {
          const owner = await this.repo.findUser(edits.ownerId, m);
          if (!owner || !owner.active || owner.role !== 'consultant') {
            throw DomainError.field('ownerId', 'NOT_A_CONSULTANT', 'ownerId：不是有效的在职顾问', 'ownerId must be an active consultant');
          }
          await this.routing.assignInTx(m, lead, edits.ownerId, seq, { by: 'manager', actorId: user.id, notify: true });
        } else {
          await this.routing.poolInTx(m, lead, seq, { by: 'manager', actorId: user.id, reason: 'released', notify: true });
        }
      }
      const changes = diffFields(before, { ...Object.fromEntries(EDITABLE.map((k) => [k, lead[k]])), ownerId: lead.ownerId });
      if (!Object.keys(changes).length) return;
      await this.leads.saveLead(lead, m);
      await this.audit.record(m, { actorId: user.id, action: 'lead.update', entity: 'lead', entityId: id, details: { changes } });
    });
    return this.detail(user, id);
  }

  /**
   * Merges `otherId` into `id` (managers): every inquiry, event, activity, task and consent moves to
   * the survivor; empty fields are filled from the other lead; the other lead is then removed.
   */
  async merge(user: AuthUser, id: string, otherId: string): Promise<LeadDetailView> {
    if (!seesAllLeads(user)) throw DomainError.forbidden();
    if (id === otherId) throw DomainError.field('otherLeadId', 'SAME_LEAD', '不能与自身合并', 'otherLeadId must be a different lead');
    await this.repo.transaction(async (m) => {
      // Lock in id order so two opposite merges cannot deadlock.
      const [a, b] = [id, otherId].sort();
      const first = await this.repo.lockLead(m, a);
      const second = await this.repo.lockLead(m, b);
      const survivor = a === id ? first : second;
      const other = a === id ? second : first;
      if (!survivor) throw notFound();
      if (!other) throw DomainError.field('otherLeadId', 'NOT_FOUND', '要合并的线索不存在', 'otherLeadId: lead not found');
      const moved = await this.repo.moveChildren(m, other.id, survivor.id);
      const fill: (keyof Lead)[] = [
        'email',
        'wechat',
        'industryCode',
        'industryName',
        'strategicIndustry',
        'sourceArticleId',
        'propertyType',
        'dealType',
        'areaSqmMin',
        'areaSqmMax',
        'areaUnit',
        'annualTaxWan',
        'investmentWan',
        'region',
        'ownerId',
      ];
      const filled: string[] = [];
      for (const k of fill) {
        if ((survivor[k] === null || survivor[k] === undefined) && other[k] !== null && other[k] !== undefined) {
          (survivor as unknown as Record<string, unknown>)[k] = other[k];
          filled.push(k);
        }
      }
      if (other.firstResponseAt && (!survivor.firstResponseAt || other.firstResponseAt < survivor.firstResponseAt)) {
        survivor.firstResponseAt = other.firstResponseAt;
      }
      if (other.lastActivityAt && (!survivor.lastActivityAt || other.lastActivityAt > survivor.lastActivityAt)) {
        survivor.lastActivityAt = other.lastActivityAt;
      }
      await this.leads.saveLead(survivor, m);
      const snapshot = {
        mergedLeadId: other.id,
        reference: other.reference,
        company: other.company,
        contactName: other.contactName,
        phoneMasked: other.phoneMasked,
        stage: other.stage,
        ownerId: other.ownerId,
        channel: other.channel,
        createdAt: other.createdAt.toISOString(),
      };
      await this.leads.addEvent(m, survivor.id, 'merge', { ...snapshot, phoneEnc: other.phoneEnc, moved, filled }, user.id);
      await this.repo.deleteLead(m, other.id);
      await this.audit.record(m, {
        actorId: user.id,
        action: 'lead.merge',
        entity: 'lead',
        entityId: survivor.id,
        details: { ...snapshot, moved, filled },
      });
    });
    return this.detail(user, id);
  }
}
