import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { Brackets, type DataSource, type EntityManager } from 'typeorm';
import { ConsentRecord, Lead, LeadEvent, type LeadChannel, type LeadStage } from '@app/leads';
import { User } from '@app/identity';
import { LeadActivity } from './lead-activity.entity.js';
import { LeadTask, type TaskStatus } from './lead-task.entity.js';
import { LeadStageChange } from './stage-change.entity.js';
import { classifySearch, searchHex, type ListCursor } from './list-cursor.js';
import type { LeadSummaryView } from './lead-views.js';

export interface LeadListFilter {
  /** Consultants: only their own leads and the pool. */
  visibleTo?: string;
  stages?: LeadStage[];
  /** A user id, or 'pool' for leads without an owner. */
  ownerId?: string;
  parkId?: string;
  channel?: LeadChannel;
  sourceArticleId?: string;
  q?: string;
  cursor?: ListCursor;
  limit: number;
}

/** A row of the lead list: the summary's fields (dates as Date, as the driver returns them) and the keyset cursor text. */
export type LeadListRow = Omit<LeadSummaryView, 'stage' | 'channel' | 'createdAt' | 'firstResponseAt' | 'lastActivityAt'> & {
  stage: LeadStage;
  channel: LeadChannel;
  createdAt: Date;
  firstResponseAt: Date | null;
  lastActivityAt: Date | null;
  /** created_at as PostgreSQL prints it (microseconds kept), for the next page's cursor. */
  cursor: string;
};

/** [column, LeadListRow field] read for a list row. */
const LIST_COLUMNS: [string, keyof LeadListRow][] = [
  ['id', 'id'],
  ['reference', 'reference'],
  ['stage', 'stage'],
  ['owner_id', 'ownerId'],
  ['channel', 'channel'],
  ['source_article_id', 'sourceArticleId'],
  ['company', 'company'],
  ['contact_name', 'contactName'],
  ['phone_masked', 'phoneMasked'],
  ['industry_code', 'industryCode'],
  ['industry_name', 'industryName'],
  ['signed_park_id', 'signedParkId'],
  ['created_at', 'createdAt'],
  ['first_response_at', 'firstResponseAt'],
  ['last_activity_at', 'lastActivityAt'],
];

export interface TaskListFilter {
  /** Consultants: tasks assigned to them or on their leads. */
  visibleTo?: string;
  assigneeId?: string;
  statuses?: TaskStatus[];
  dueBefore?: Date;
  leadId?: string;
}

/** Text order: timestamptz texts of one session zone (equal milliseconds, so only microseconds differ), uuids. */
const cmpText = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

const likeEscape = (s: string) => s.replace(/[\\%_]/g, (c) => `\\${c}`);

/** SQL of the pipeline: lead list and detail reads, stage history, activities, tasks, merges. */
@Injectable()
export class PipelineRepository {
  constructor(@InjectDataSource() private readonly ds: DataSource) {}

  private m(manager?: EntityManager): EntityManager {
    return manager ?? this.ds.manager;
  }

  transaction<T>(fn: (manager: EntityManager) => Promise<T>): Promise<T> {
    return this.ds.transaction(fn);
  }

  /** The lead, locked for update until the transaction ends. */
  lockLead(manager: EntityManager, id: string): Promise<Lead | null> {
    return manager.findOne(Lead, { where: { id }, lock: { mode: 'pessimistic_write' } });
  }

  findLead(id: string, manager?: EntityManager): Promise<Lead | null> {
    return this.m(manager).findOneBy(Lead, { id });
  }

  findUser(id: string, manager?: EntityManager): Promise<User | null> {
    return this.m(manager).findOneBy(User, { id });
  }

  async userNames(ids: (string | null)[], manager?: EntityManager): Promise<Map<string, string>> {
    const unique = [...new Set(ids.filter((x): x is string => !!x))];
    if (!unique.length) return new Map();
    const rows: { id: string; name: string }[] = await this.m(manager).query(`SELECT id, name FROM app_user WHERE id = ANY($1::uuid[])`, [
      unique,
    ]);
    return new Map(rows.map((r) => [r.id, r.name]));
  }

  /**
   * One page of leads, newest first, as list rows (the summary's columns and the owner's name, not
   * whole entities); keyset on (created_at, id) so inserts never shift a page.
   */
  async listLeads(f: LeadListFilter): Promise<LeadListRow[]> {
    // A consultant sees "own OR pool": an OR cannot walk one index in (created_at, id) order, so the two
    // halves each walk lead_owner_id_created_at_id_idx (owner = me / owner IS NULL) and are merged here.
    if (f.visibleTo && !f.ownerId) {
      const [own, pool] = await Promise.all([
        this.listPage({ ...f, visibleTo: undefined, ownerId: f.visibleTo }),
        this.listPage({ ...f, visibleTo: undefined, ownerId: 'pool' }),
      ]);
      return [...own, ...pool]
        .sort((a, b) => b.createdAt.getTime() - a.createdAt.getTime() || cmpText(b.cursor, a.cursor) || cmpText(b.id, a.id))
        .slice(0, f.limit + 1);
    }
    return this.listPage(f);
  }

  private async listPage(f: LeadListFilter): Promise<LeadListRow[]> {
    const qb = this.ds.manager
      .createQueryBuilder(Lead, 'l')
      .select(LIST_COLUMNS.map(([column, alias]) => `l.${column} AS "${alias}"`))
      .addSelect('l.created_at::text', 'cursor')
      .addSelect('u.name', 'ownerName')
      .leftJoin(User, 'u', 'u.id = l.owner_id')
      .where('l.spam = false');
    if (f.visibleTo) qb.andWhere('(l.owner_id = :me OR l.owner_id IS NULL)', { me: f.visibleTo });
    if (f.stages?.length) qb.andWhere('l.stage = ANY(:stages)', { stages: f.stages });
    if (f.ownerId === 'pool') qb.andWhere('l.owner_id IS NULL');
    else if (f.ownerId) qb.andWhere('l.owner_id = :ownerId', { ownerId: f.ownerId });
    if (f.parkId) qb.andWhere('l.signed_park_id = :parkId', { parkId: f.parkId });
    if (f.channel) qb.andWhere('l.channel = :channel', { channel: f.channel });
    if (f.sourceArticleId) qb.andWhere('l.source_article_id = :articleId', { articleId: f.sourceArticleId });
    if (f.q?.trim()) {
      const s = classifySearch(f.q);
      const text = (value: string) =>
        new Brackets((w) => {
          w.where(`zs_search_hex(l.company || ' ' || l.contact_name) LIKE :hex`, { hex: `%${searchHex(value)}%` }).andWhere(
            '(l.company ILIKE :pat OR l.contact_name ILIKE :pat)',
            { pat: `%${likeEscape(value)}%` },
          );
        });
      if (s.kind === 'reference') qb.andWhere('l.reference = :ref', { ref: s.value });
      else if (s.kind === 'last4') {
        qb.andWhere(
          new Brackets((w) => {
            w.where('lower(l.phone_last4) = :last4', { last4: s.value }).orWhere(text(s.value));
          }),
        );
      } else qb.andWhere(text(s.value));
    }
    if (f.cursor) {
      qb.andWhere('(l.created_at, l.id) < (:cAt::timestamptz, :cId::uuid)', { cAt: f.cursor.createdAt, cId: f.cursor.id });
    }
    qb.orderBy('l.created_at', 'DESC')
      .addOrderBy('l.id', 'DESC')
      .limit(f.limit + 1);
    return qb.getRawMany<LeadListRow>();
  }

  addStageChange(manager: EntityManager, fields: Partial<LeadStageChange>): Promise<LeadStageChange> {
    return manager.save(LeadStageChange, manager.create(LeadStageChange, fields));
  }

  /** When the lead last changed stage (history stays in time order). */
  async lastStageChangeAt(manager: EntityManager, leadId: string): Promise<Date | null> {
    const rows: { at: Date | null }[] = await manager.query(`SELECT max(at) AS at FROM lead_stage_change WHERE lead_id = $1`, [leadId]);
    return rows[0]?.at ?? null;
  }

  stageHistory(leadId: string, manager?: EntityManager): Promise<LeadStageChange[]> {
    return this.m(manager).find(LeadStageChange, { where: { leadId }, order: { at: 'ASC', id: 'ASC' } });
  }

  addActivity(manager: EntityManager, fields: Partial<LeadActivity>): Promise<LeadActivity> {
    return manager.save(LeadActivity, manager.create(LeadActivity, fields));
  }

  activities(leadId: string, manager?: EntityManager): Promise<LeadActivity[]> {
    return this.m(manager).find(LeadActivity, { where: { leadId }, order: { at: 'DESC', id: 'DESC' } });
  }

  saveTask(task: LeadTask, manager?: EntityManager): Promise<LeadTask> {
    return this.m(manager).save(LeadTask, task);
  }

  createTask(manager: EntityManager, fields: Partial<LeadTask>): Promise<LeadTask> {
    return manager.save(LeadTask, manager.create(LeadTask, fields));
  }

  lockTask(manager: EntityManager, id: string): Promise<LeadTask | null> {
    return manager.findOne(LeadTask, { where: { id }, lock: { mode: 'pessimistic_write' } });
  }

  leadTasks(leadId: string, manager?: EntityManager): Promise<LeadTask[]> {
    return this.m(manager).find(LeadTask, { where: { leadId }, order: { dueAt: 'ASC', id: 'ASC' } });
  }

  listTasks(f: TaskListFilter): Promise<LeadTask[]> {
    const qb = this.ds.manager.createQueryBuilder(LeadTask, 't').innerJoin(Lead, 'l', 'l.id = t.lead_id');
    if (f.visibleTo) qb.andWhere('(t.assignee_id = :me OR l.owner_id = :me)', { me: f.visibleTo });
    if (f.assigneeId) qb.andWhere('t.assignee_id = :assignee', { assignee: f.assigneeId });
    if (f.statuses?.length) qb.andWhere('t.status = ANY(:statuses)', { statuses: f.statuses });
    if (f.dueBefore) qb.andWhere('t.due_at < :dueBefore', { dueBefore: f.dueBefore });
    if (f.leadId) qb.andWhere('t.lead_id = :leadId', { leadId: f.leadId });
    return qb.orderBy('t.due_at', 'ASC').addOrderBy('t.id', 'ASC').limit(500).getMany();
  }

  async leadReferences(ids: string[], manager?: EntityManager): Promise<Map<string, { reference: string; company: string }>> {
    if (!ids.length) return new Map();
    const rows: { id: string; reference: string; company: string }[] = await this.m(manager).query(
      `SELECT id, reference, company FROM lead WHERE id = ANY($1::uuid[])`,
      [[...new Set(ids)]],
    );
    return new Map(rows.map((r) => [r.id, { reference: r.reference, company: r.company }]));
  }

  events(leadId: string, manager?: EntityManager): Promise<LeadEvent[]> {
    return this.m(manager).find(LeadEvent, { where: { leadId }, order: { at: 'ASC', id: 'ASC' } });
  }

  /** Moves everything recorded on `fromId` to `toId` (inquiries, events, activities, tasks, consents). */
  async moveChildren(manager: EntityManager, fromId: string, toId: string): Promise<Record<string, number>> {
    const moved: Record<string, number> = {};
    for (const [name, entity] of [
      ['events', LeadEvent],
      ['activities', LeadActivity],
      ['tasks', LeadTask],
      ['consents', ConsentRecord],
    ] as const) {
      const res = await manager.update(entity, { leadId: fromId }, { leadId: toId });
      moved[name] = res.affected ?? 0;
    }
    await manager.update(Lead, { previousLeadId: fromId }, { previousLeadId: toId });
    return moved;
  }

  async deleteLead(manager: EntityManager, id: string): Promise<void> {
    await manager.delete(Lead, { id });
  }
}
