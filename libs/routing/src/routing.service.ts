import { Inject, Injectable, type OnModuleInit } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource, EntityManager } from 'typeorm';
import { APP_CONFIG, type AppConfig } from '@app/config';
import { DomainError } from '@app/errors';
import type { AuthUser } from '@app/identity';
import { Lead, LeadLifecycle, LeadsRepository, OPEN_STAGES, CLOSED_STAGES } from '@app/leads';
import { Clock, NotificationsService, robotRecipient, type NewNotification } from '@app/notifications';
import { investorAcknowledgement, leadMessage, type LeadMessageKind } from './messages.js';
import {
  decideRouting,
  type CandidateState,
  type LeadFacts,
  type RoutingDecision,
  type RuleTarget,
  type RuleView,
} from './routing-decision.js';
import { RoutingRule } from './routing-rule.entity.js';
import { RoutingSettings } from './routing-settings.entity.js';
import { Team } from './team.entity.js';
import { DEFAULT_WORKING_HOURS, type CalendarOverrides } from './working-time.js';

interface CandidateRow extends CandidateState {
  email: string;
  wecomUserId: string | null;
  robotKey: string | null;
}

export interface AssignMeta {
  by: 'routing' | 'claim' | 'manager' | 'sla';
  actorId: string | null;
  ruleId?: string | null;
  steps?: unknown[];
  notify: boolean;
}

/**
 * Assigns leads: on intake (inside the intake transaction), from the pool (claim), by a manager,
 * and back to the pool. Every change of owner first takes the row lock on routing_state 'global',
 * so decisions, loads and the round-robin rotation are serialised across all processes.
 */
@Injectable()
export class RoutingService implements OnModuleInit {
  constructor(
    @InjectDataSource() private readonly ds: DataSource,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly lifecycle: LeadLifecycle,
    private readonly leads: LeadsRepository,
    private readonly notifications: NotificationsService,
    private readonly clock: Clock,
  ) {}

  onModuleInit(): void {
    this.lifecycle.onCreated((m, lead) => this.routeNewLead(m, lead));
    // Leaving 'new' is a first response: stop the timer in the same transaction.
    this.lifecycle.onStageChanged(async (m, lead, from) => {
      if (from === 'new')
        await m.query(`UPDATE lead_sla SET closed_at = $2 WHERE lead_id = $1 AND closed_at IS NULL`, [lead.id, this.clock.now()]);
    });
  }

  /** Takes the routing lock for the rest of the transaction; returns this decision's number. */
  async lock(m: EntityManager): Promise<number> {
    const rows: { seq: string }[] = await m.query(
      `INSERT INTO routing_state (key, seq) VALUES ('global', 1)
       ON CONFLICT (key) DO UPDATE SET seq = routing_state.seq + 1 RETURNING seq`,
    );
    return Number(rows[0].seq);
  }

  async settings(m: EntityManager = this.ds.manager): Promise<RoutingSettings> {
    return (await m.findOneBy(RoutingSettings, { id: 1 })) ?? m.create(RoutingSettings, { id: 1 });
  }

  async calendar(m: EntityManager = this.ds.manager): Promise<CalendarOverrides> {
    const rows: { date: string; kind: 'holiday' | 'workday' }[] = await m.query(
      `SELECT to_char(date, 'YYYY-MM-DD') AS date, kind FROM holiday_calendar`,
    );
    return new Map(rows.map((r) => [r.date, r.kind]));
  }

  /** Every active consultant with their profile (defaults when none), open-lead load and rotation. */
  async candidates(m: EntityManager): Promise<CandidateRow[]> {
    const rows: {
      user_id: string;
      name: string;
      user_email: string;
      user_active: boolean;
      active: boolean | null;
      leave: { from: string; to: string }[] | null;
      working_hours: CandidateState['workingHours'] | null;
      industries: string[] | null;
      capacity: number | null;
      team_id: string | null;
      email: string | null;
      wecom_user_id: string | null;
      robot_key: string | null;
      load: string;
    }[] = await m.query(
      `SELECT u.id AS user_id, u.name, u.email AS user_email, u.active AS user_active,
              p.active, p.leave, p.working_hours, p.industries, p.capacity, p.team_id, p.email, p.wecom_user_id, p.robot_key,
              (SELECT count(*) FROM lead l WHERE l.owner_id = u.id AND l.stage = ANY($1)) AS load
       FROM app_user u LEFT JOIN consultant_profile p ON p.user_id = u.id
       WHERE u.role = 'consultant'
       ORDER BY u.id`,
      [[...OPEN_STAGES]],
    );
    const rotation: { scope: string; user_id: string; last_seq: string }[] = await m.query(
      `SELECT scope, user_id, last_seq FROM routing_rotation`,
    );
    return rows.map((r) => ({
      userId: r.user_id,
      name: r.name,
      teamId: r.team_id,
      active: r.user_active && r.active !== false,
      leave: r.leave ?? [],
      workingHours: r.working_hours ?? DEFAULT_WORKING_HOURS,
      industries: r.industries ?? [],
      capacity: r.capacity ?? 50,
      load: Number(r.load),
      lastSeq: Object.fromEntries(rotation.filter((x) => x.user_id === r.user_id).map((x) => [x.scope, Number(x.last_seq)])),
      email: r.email ?? r.user_email,
      wecomUserId: r.wecom_user_id,
      robotKey: r.robot_key,
    }));
  }

  async ruleViews(m: EntityManager): Promise<RuleView[]> {
    const rules = await m.find(RoutingRule, { order: { position: 'ASC', createdAt: 'ASC' } });
    return rules.map(toRuleView);
  }

  /** Decides for a lead's facts with the current state (call under {@link lock} to act on it). */
  async decide(m: EntityManager, facts: LeadFacts): Promise<{ decision: RoutingDecision; candidates: CandidateRow[] }> {
    const [rules, candidates, calendar, defaultTeam] = [
      await this.ruleViews(m),
      await this.candidates(m),
      await this.calendar(m),
      await m.findOne(Team, { where: { isDefault: true }, order: { createdAt: 'ASC' } }),
    ];
    const decision = decideRouting({ facts, rules, candidates, defaultTeamId: defaultTeam?.id ?? null, now: this.clock.now(), calendar });
    return { decision, candidates };
  }

  /** What routing would do with these facts now; changes nothing. */
  async simulate(facts: LeadFacts): Promise<{
    consultant: { id: string; name: string } | null;
    rule: { id: string; name: string } | null;
    steps: RoutingDecision['steps'];
  }> {
    const { decision, candidates } = await this.decide(this.ds.manager, facts);
    const c = candidates.find((x) => x.userId === decision.consultantId);
    const rule = decision.ruleId ? await this.ds.manager.findOneBy(RoutingRule, { id: decision.ruleId }) : null;
    return {
      consultant: c ? { id: c.userId, name: c.name } : null,
      rule: rule ? { id: rule.id, name: rule.name } : null,
      steps: decision.steps,
    };
  }

  /** Lifecycle hook: runs inside the intake transaction of every new, non-spam lead. */
  async routeNewLead(m: EntityManager, lead: Lead): Promise<void> {
    const seq = await this.lock(m);
    const { decision } = await this.decide(m, factsOf(lead));
    if (decision.consultantId) {
      if (decision.scope) await this.recordRotation(m, decision.scope, decision.consultantId, seq);
      await this.assignInTx(m, lead, decision.consultantId, seq, {
        by: 'routing',
        actorId: null,
        ruleId: decision.ruleId,
        steps: decision.steps,
        notify: true,
      });
    } else {
      await this.poolInTx(m, lead, seq, { by: 'routing', actorId: null, ruleId: decision.ruleId, steps: decision.steps, notify: true });
    }
    if (lead.email) {
      await this.notifications.enqueue(m, [
        {
          eventKey: `lead-ack:${lead.id}`,
          recipient: lead.email,
          channel: 'email',
          leadId: lead.id,
          payload: investorAcknowledgement(lead),
        },
      ]);
    }
  }

  private async recordRotation(m: EntityManager, scope: string, userId: string, seq: number): Promise<void> {
    await m.query(
      `INSERT INTO routing_rotation (scope, user_id, last_seq) VALUES ($1, $2, $3)
       ON CONFLICT (scope, user_id) DO UPDATE SET last_seq = EXCLUDED.last_seq`,
      [scope, userId, seq],
    );
  }

  link(leadId: string): string {
    return `${this.config.publicBaseUrl.replace(/\/$/, '')}/leads/${leadId}`;
  }

  /** Messages about a lead to one consultant on each channel they have. */
  async consultantNotifications(
    m: EntityManager,
    userId: string,
    kind: LeadMessageKind,
    lead: Lead,
    eventKey: string,
    extra = '',
  ): Promise<NewNotification[]> {
    const rows: { email: string; wecom_user_id: string | null; robot_key: string | null; team_robot_key: string | null }[] = await m.query(
      `SELECT coalesce(p.email, u.email) AS email, p.wecom_user_id, p.robot_key, t.robot_key AS team_robot_key
       FROM app_user u LEFT JOIN consultant_profile p ON p.user_id = u.id LEFT JOIN team t ON t.id = p.team_id
       WHERE u.id = $1`,
      [userId],
    );
    if (rows.length === 0) return [];
    const r = rows[0];
    const payload = leadMessage(kind, lead, this.link(lead.id), extra);
    const out: NewNotification[] = [{ eventKey, recipient: r.email, channel: 'email', leadId: lead.id, payload }];
    if (r.wecom_user_id && this.notifications.wecomAppEnabled) {
      out.push({ eventKey, recipient: r.wecom_user_id, channel: 'wecom_app', leadId: lead.id, payload });
    }
    const robotKey = r.robot_key ?? r.team_robot_key ?? this.config.wecom.robotKey;
    if (robotKey)
      out.push({
        eventKey,
        recipient: robotRecipient(robotKey),
        channel: 'wecom_robot',
        leadId: lead.id,
        payload: { ...payload, robotKey },
      });
    return out;
  }

  /** Messages to every active manager (email; WeCom app when they have a WeCom id). */
  async managerNotifications(
    m: EntityManager,
    kind: LeadMessageKind,
    lead: Lead,
    eventKey: string,
    extra = '',
  ): Promise<NewNotification[]> {
    const rows: { email: string; wecom_user_id: string | null }[] = await m.query(
      `SELECT coalesce(p.email, u.email) AS email, p.wecom_user_id FROM app_user u LEFT JOIN consultant_profile p ON p.user_id = u.id
       WHERE u.role = 'manager' AND u.active ORDER BY u.email`,
    );
    const payload = leadMessage(kind, lead, this.link(lead.id), extra);
    const out: NewNotification[] = rows.map((r) => ({ eventKey, recipient: r.email, channel: 'email' as const, leadId: lead.id, payload }));
    const wecomIds = rows.map((r) => r.wecom_user_id).filter((x): x is string => Boolean(x));
    if (wecomIds.length && this.notifications.wecomAppEnabled) {
      out.push({ eventKey, recipient: wecomIds.join('|'), channel: 'wecom_app', leadId: lead.id, payload });
    }
    return out;
  }

  /** Makes `consultantId` the owner (call under {@link lock}); starts the first-response timer. */
  async assignInTx(m: EntityManager, lead: Lead, consultantId: string, seq: number, meta: AssignMeta): Promise<void> {
    const now = this.clock.now();
    const from = lead.ownerId;
    lead.ownerId = consultantId;
    lead.assignedAt = now;
    lead.pooledAt = null;
    await m.update(Lead, { id: lead.id }, { ownerId: consultantId, assignedAt: now, pooledAt: null });
    await this.leads.addEvent(
      m,
      lead.id,
      'assignment',
      { from, to: consultantId, by: meta.by, ruleId: meta.ruleId ?? null, seq, steps: meta.steps ?? [] },
      meta.actorId,
    );
    if (!lead.firstResponseAt && lead.stage === 'new') {
      await m.query(
        `INSERT INTO lead_sla (lead_id, owner_id, started_at, level, closed_at) VALUES ($1, $2, $3, 0, NULL)
         ON CONFLICT (lead_id) DO UPDATE SET owner_id = EXCLUDED.owner_id, started_at = EXCLUDED.started_at, level = 0, closed_at = NULL`,
        [lead.id, consultantId, now],
      );
    }
    if (meta.notify) {
      await this.notifications.enqueue(
        m,
        await this.consultantNotifications(m, consultantId, 'assigned', lead, `assigned:${lead.id}:${seq}`),
      );
    }
  }

  /** Puts a lead in the pool (call under {@link lock}); stops its timer. */
  async poolInTx(m: EntityManager, lead: Lead, seq: number, meta: AssignMeta & { reason?: string }): Promise<void> {
    const now = this.clock.now();
    const from = lead.ownerId;
    lead.ownerId = null;
    lead.pooledAt = now;
    await m.update(Lead, { id: lead.id }, { ownerId: null, pooledAt: now });
    await m.query(`UPDATE lead_sla SET closed_at = $2 WHERE lead_id = $1 AND closed_at IS NULL`, [lead.id, now]);
    await this.leads.addEvent(
      m,
      lead.id,
      'assignment',
      { from, to: null, pool: true, by: meta.by, reason: meta.reason ?? null, ruleId: meta.ruleId ?? null, seq, steps: meta.steps ?? [] },
      meta.actorId,
    );
    if (meta.notify) {
      const robot = this.config.wecom.robotKey;
      if (robot) {
        const payload = leadMessage('pool_new', lead, this.link(lead.id));
        await this.notifications.enqueue(m, [
          {
            eventKey: `pooled:${lead.id}:${seq}`,
            recipient: robotRecipient(robot),
            channel: 'wecom_robot',
            leadId: lead.id,
            payload: { ...payload, robotKey: robot },
          },
        ]);
      }
    }
  }

  private async lockedLead(m: EntityManager, id: string): Promise<Lead> {
    const lead = await m.findOne(Lead, { where: { id }, lock: { mode: 'pessimistic_write' } });
    if (!lead || lead.spam) throw DomainError.notFound('Lead', '线索');
    if (CLOSED_STAGES.includes(lead.stage)) {
      throw DomainError.conflict('LEAD_CLOSED', '线索已结束，不能再分配', 'The lead is closed and cannot be assigned', [
        { field: 'id', code: 'LEAD_CLOSED', message_zh: '线索已结束', message_en: 'Lead is closed' },
      ]);
    }
    return lead;
  }

  /** 认领: a consultant takes a pool lead, up to the claim cap (and their capacity). */
  async claim(user: AuthUser, leadId: string): Promise<Lead> {
    return this.ds.transaction(async (m) => {
      const seq = await this.lock(m);
      const lead = await this.lockedLead(m, leadId);
      if (lead.ownerId) {
        throw DomainError.conflict('LEAD_NOT_IN_POOL', '该线索不在公海中，已有负责人', 'The lead is not in the pool', [
          { field: 'id', code: 'LEAD_NOT_IN_POOL', message_zh: '线索已有负责人', message_en: 'Lead already has an owner' },
        ]);
      }
      const settings = await this.settings(m);
      const me = (await this.candidates(m)).find((c) => c.userId === user.id);
      const cap = Math.min(settings.claimCap, me?.capacity ?? settings.claimCap);
      const load = me?.load ?? 0;
      if (load >= cap) {
        throw DomainError.conflict(
          'CLAIM_CAP_REACHED',
          `您已有 ${load} 条未结束线索，达到认领上限 ${cap}`,
          `You already hold ${load} open leads; the claim cap is ${cap}`,
          [{ field: 'id', code: 'CLAIM_CAP_REACHED', message_zh: `认领上限 ${cap}`, message_en: `Claim cap ${cap}` }],
        );
      }
      await this.assignInTx(m, lead, user.id, seq, { by: 'claim', actorId: user.id, notify: false });
      return lead;
    });
  }

  /** 分配: a manager gives a lead to a consultant (from the pool or another owner). */
  async assign(actor: AuthUser, leadId: string, consultantId: string): Promise<Lead> {
    return this.ds.transaction(async (m) => {
      const seq = await this.lock(m);
      const target: { role: string; active: boolean }[] = await m.query(`SELECT role, active FROM app_user WHERE id = $1`, [consultantId]);
      if (!target.length || target[0].role !== 'consultant' || !target[0].active) {
        throw DomainError.field(
          'consultantId',
          'NOT_A_CONSULTANT',
          'consultantId：不是有效的在职顾问',
          'consultantId must be an active consultant',
        );
      }
      const lead = await this.lockedLead(m, leadId);
      if (lead.ownerId === consultantId) return lead;
      await this.assignInTx(m, lead, consultantId, seq, { by: 'manager', actorId: actor.id, notify: true });
      return lead;
    });
  }

  /** 释放: the owner (or a manager) returns a lead to the pool. */
  async release(actor: AuthUser, leadId: string): Promise<Lead> {
    return this.ds.transaction(async (m) => {
      const seq = await this.lock(m);
      const lead = await this.lockedLead(m, leadId);
      if (!lead.ownerId) {
        throw DomainError.conflict('LEAD_IN_POOL', '该线索已在公海中', 'The lead is already in the pool', [
          { field: 'id', code: 'LEAD_IN_POOL', message_zh: '线索已在公海', message_en: 'Lead is already in the pool' },
        ]);
      }
      if (actor.role === 'consultant' && lead.ownerId !== actor.id) throw DomainError.forbidden();
      await this.poolInTx(m, lead, seq, {
        by: actor.role === 'consultant' ? 'claim' : 'manager',
        actorId: actor.id,
        reason: 'released',
        notify: true,
      });
      return lead;
    });
  }
}

export function factsOf(lead: Lead): LeadFacts {
  return {
    industryCode: lead.industryCode,
    propertyType: lead.propertyType,
    region: lead.region,
    annualTaxWan: lead.annualTaxWan,
    channel: lead.channel,
    sourceArticleId: lead.sourceArticleId,
    parkId: lead.signedParkId ?? null,
  };
}

export function toRuleView(r: RoutingRule): RuleView {
  const target: RuleTarget =
    r.targetType === 'consultant'
      ? { type: 'consultant', consultantId: r.targetConsultantId! }
      : r.targetType === 'team'
        ? { type: 'team', teamId: r.targetTeamId! }
        : { type: 'pool' };
  return {
    id: r.id,
    name: r.name,
    active: r.active,
    conditions: r.conditions,
    target,
    strategy: r.strategy,
    requireOnDuty: r.requireOnDuty,
  };
}
