import { createHash } from 'node:crypto';
import { Inject, Injectable, type OnModuleInit } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { In, type DataSource, type EntityManager } from 'typeorm';
import { APP_CONFIG, type AppConfig } from '@app/config';
import { DomainError } from '@app/errors';
import type { AuthUser } from '@app/identity';
import { Lead, LeadLifecycle, LeadsRepository, CLOSED_STAGES } from '@app/leads';
import { Clock, NotificationsService, robotRecipient, type NewNotification } from '@app/notifications';
import { investorAcknowledgement, leadMessage, type LeadMessageKind } from './messages.js';
import {
  decideRouting,
  type CandidateState,
  type LeadFacts,
  type RoutingDecision,
  type RoutingInput,
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
  teamRobotKey: string | null;
}

/** One lead's decision within a batch (see RoutingService.routeBatch). */
interface BatchPlan {
  lead: Lead;
  decision: RoutingDecision;
  candidate: CandidateRow | null;
  seq: number;
}

export interface AssignMeta {
  by: 'routing' | 'claim' | 'manager' | 'sla';
  actorId: string | null;
  ruleId?: string | null;
  steps?: unknown[];
  notify: boolean;
}

/** The `assignment` event's data: who had the lead, who has it now (null: the pool), by what and why. */
function assignmentData(
  from: string | null,
  to: string | null,
  meta: Omit<AssignMeta, 'notify' | 'actorId'> & { reason?: string | null },
  seq: number,
) {
  const why = { by: meta.by, ruleId: meta.ruleId ?? null, seq, steps: meta.steps ?? [] };
  return to ? { from, to, ...why } : { from, to: null, pool: true, reason: meta.reason ?? null, ...why };
}

/** What changes rarely and is read by every decision: rules, default team, calendar (cached briefly). */
interface RoutingConfig {
  rules: RuleView[];
  defaultTeamId: string | null;
  calendar: CalendarOverrides;
  loadedAt: number;
}

/**
 * least_loaded band: consultants within this many open leads of the least loaded take turns. Wider
 * than the lag of concurrently read loads (leads in flight per consultant), narrow enough that a
 * consultant back from leave catches up first.
 */
export const LEAST_LOADED_BAND = 10;

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Name of the round-robin sequence of a scope (same as zs_routing_rotation_next in SQL). */
export function rotationSequenceName(scope: string): string {
  return `routing_rr_${createHash('md5').update(scope).digest('hex').slice(0, 24)}`;
}

/**
 * Assigns leads: on intake (inside the intake transaction), from the pool (claim), by a manager,
 * and back to the pool — without any global lock (docs/routing.md):
 * - loads come from `consultant_load`, kept by a trigger on `lead`;
 * - round robin takes the next value of the scope's sequence (non-transactional, never blocks);
 * - capacity is reserved with `zs_routing_reserve`: a shared per-consultant advisory lock while the
 *   consultant is far from full, an exclusive one near capacity;
 * - claim, assign, release and SLA recycling lock the lead row itself (exactly once).
 */
@Injectable()
export class RoutingService implements OnModuleInit {
  private config$: Promise<RoutingConfig> | null = null;
  /** Consultants as read by the previous decision in this process (only to predict the next scope). */
  private lastCandidates: CandidateRow[] | null = null;

  constructor(
    @InjectDataSource() private readonly ds: DataSource,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly lifecycle: LeadLifecycle,
    private readonly leads: LeadsRepository,
    private readonly notifications: NotificationsService,
    private readonly clock: Clock,
  ) {}

  onModuleInit(): void {
    this.lifecycle.onCreated((leads) => this.routeNewLeads(leads));
    // Leaving 'new' is a first response: stop the timer in the same transaction.
    this.lifecycle.onStageChanged(async (m, lead, from) => {
      if (from === 'new')
        await m.query(`UPDATE lead_sla SET closed_at = $2 WHERE lead_id = $1 AND closed_at IS NULL`, [lead.id, this.clock.now()]);
    });
  }

  /** Forgets the cached rules, default team and calendar (called after every admin write). */
  invalidate(): void {
    this.config$ = null;
  }

  /** Rules, default team and calendar, read through `m` at most every `routingConfigTtlMs` (ROUTING_CONFIG_TTL_MS). */
  async routingConfig(m: EntityManager): Promise<RoutingConfig> {
    const cached = this.config$;
    if (cached) {
      const c = await cached.catch(() => null);
      if (c && Date.now() - c.loadedAt < this.config.routingConfigTtlMs) return c;
      if (this.config$ === cached) this.config$ = null;
    }
    if (!this.config$) {
      const loading = (async (): Promise<RoutingConfig> => {
        const loadedAt = Date.now();
        const rules = await this.ruleViews(m);
        const team = await m.findOne(Team, { where: { isDefault: true }, order: { createdAt: 'ASC' } });
        const calendar = await this.calendar(m);
        return { rules, defaultTeamId: team?.id ?? null, calendar, loadedAt };
      })();
      this.config$ = loading;
      loading.catch(() => {
        if (this.config$ === loading) this.config$ = null;
      });
    }
    return this.config$;
  }

  /** The next decision number (assignment events, notification keys); never blocks. */
  async nextDecision(m: EntityManager): Promise<number> {
    const rows: { seq: string }[] = await m.query(`SELECT nextval('routing_decision_seq') AS seq`);
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

  /** Every consultant with their profile (defaults when none) and open-lead load; one indexed query. */
  async candidates(m: EntityManager): Promise<CandidateRow[]> {
    return (await this.candidatesNumbered(m, undefined)).candidates;
  }

  /**
   * {@link candidates}, plus in the same statement (one round trip) the next decision number and,
   * when `scope` is given (undefined: neither; null: the decision number only), the scope's next
   * round-robin position.
   */
  private async candidatesNumbered(
    m: EntityManager,
    scope: string | null | undefined,
    batch?: { claim: string[]; scopes: (string | null)[] },
  ): Promise<{
    candidates: CandidateRow[];
    seq: number | null;
    rr: number | null;
    claimed: string[];
    seqs: number[];
    rrs: (number | null)[];
  }> {
    const numbered = scope !== undefined;
    const rows: {
      seq?: string;
      rr?: string | null;
      claimed?: string[] | null;
      seqs?: string[];
      rrs?: (string | null)[];
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
      team_robot_key: string | null;
      load: number | null;
    }[] = await m.query(
      `WITH c AS (
         SELECT u.id AS user_id, u.name, u.email AS user_email, u.active AS user_active,
                p.active, p.leave, p.working_hours, p.industries, p.capacity, p.team_id, p.email, p.wecom_user_id, p.robot_key,
                t.robot_key AS team_robot_key, l.load
         FROM app_user u
         LEFT JOIN consultant_profile p ON p.user_id = u.id
         LEFT JOIN team t ON t.id = p.team_id
         LEFT JOIN LATERAL (SELECT sum(cl.open_leads)::int AS load FROM consultant_load cl WHERE cl.user_id = u.id) l ON true
         WHERE u.role = 'consultant'
       )${
         batch
           ? `, d AS (
         DELETE FROM lead_created_queue WHERE lead_id = ANY($1::uuid[]) RETURNING lead_id
       ), s AS MATERIALIZED (
         SELECT array_agg(nextval('routing_decision_seq') ORDER BY i) AS seqs,
                array_agg(CASE WHEN sc IS NULL THEN NULL ELSE zs_routing_rotation_next(sc) END ORDER BY i) AS rrs
         FROM unnest($2::text[]) WITH ORDINALITY AS u(sc, i)
       )
       SELECT (SELECT array_agg(lead_id::text) FROM d) AS claimed, s.seqs, s.rrs, c.* FROM s LEFT JOIN c ON true ORDER BY c.user_id`
           : numbered
             ? `, s AS MATERIALIZED (
         SELECT nextval('routing_decision_seq') AS seq,
                CASE WHEN $1::text IS NULL THEN NULL ELSE zs_routing_rotation_next($1::text) END AS rr
       )
       SELECT s.seq, s.rr, c.* FROM s LEFT JOIN c ON true ORDER BY c.user_id`
             : ` SELECT c.* FROM c ORDER BY c.user_id`
       }`,
      batch ? [batch.claim, batch.scopes] : numbered ? [scope] : [],
    );
    const seq = numbered && rows.length ? Number(rows[0].seq) : null;
    const rr = numbered && rows.length && rows[0].rr != null ? Number(rows[0].rr) : null;
    const candidates = rows
      .filter((r) => r.user_id !== null)
      .map((r) => ({
        userId: r.user_id,
        name: r.name,
        teamId: r.team_id,
        active: r.user_active && r.active !== false,
        leave: r.leave ?? [],
        workingHours: r.working_hours ?? DEFAULT_WORKING_HOURS,
        industries: r.industries ?? [],
        capacity: r.capacity ?? 50,
        load: Number(r.load ?? 0),
        lastSeq: {},
        email: r.email ?? r.user_email,
        wecomUserId: r.wecom_user_id,
        robotKey: r.robot_key,
        teamRobotKey: r.team_robot_key,
      }));
    const first = rows[0];
    return {
      candidates,
      seq,
      rr,
      claimed: first?.claimed ?? [],
      seqs: (first?.seqs ?? []).map(Number),
      rrs: (first?.rrs ?? []).map((r) => (r === null ? null : Number(r))),
    };
  }

  async ruleViews(m: EntityManager): Promise<RuleView[]> {
    const rules = await m.find(RoutingRule, { order: { position: 'ASC', createdAt: 'ASC' } });
    return rules.map(toRuleView);
  }

  /**
   * Decides for a lead's facts and acts on it: the scope's sequence gives the round-robin
   * position; `act` writes the assignment with a capacity reservation (or the pool when nobody is
   * chosen) and returns the reservation (-1 - load when the consultant filled up meanwhile: they
   * then count as full and the decision is taken again).
   */
  async route(
    m: EntityManager,
    facts: LeadFacts,
    opts: { exclude?: string },
    act: (candidate: CandidateRow | null, decision: RoutingDecision, seq: number) => Promise<number>,
  ): Promise<void> {
    const cfg = await this.routingConfig(m);
    const baseOf = (candidates: CandidateRow[]) => ({
      facts,
      rules: cfg.rules,
      candidates: candidates.filter((c) => c.userId !== opts.exclude),
      defaultTeamId: cfg.defaultTeamId,
      calendar: cfg.calendar,
      loadBand: LEAST_LOADED_BAND,
    });
    // The scope is predicted from the consultants seen by the previous decision, so that loads,
    // decision number and rotation position come in one round trip; when the fresh decision lands
    // in another scope (eligibility changed), that scope's position is taken separately.
    const predicted = this.lastCandidates ? decideRouting({ ...baseOf(this.lastCandidates), now: this.clock.now() }).scope : null;
    const first = await this.candidatesNumbered(m, predicted);
    this.lastCandidates = first.candidates;
    const base = baseOf(first.candidates);
    let seq = first.seq!;
    let rotation: { scope: string | null; rr: number | null } = { scope: predicted, rr: first.rr };
    for (;;) {
      const decision = await this.decideRotated(m, { ...base, now: this.clock.now() }, rotation);
      const candidate = base.candidates.find((c) => c.userId === decision.consultantId) ?? null;
      const reserved = await act(candidate, decision, seq);
      if (!candidate || reserved >= 0) return;
      // Filled up meanwhile: counts as full for the next attempt (ends: one fewer eligible each time).
      candidate.load = Math.max(-1 - reserved, candidate.capacity);
      rotation = { scope: null, rr: null };
      seq = await this.nextDecision(m);
    }
  }

  /**
   * decideRouting, then again with the round-robin position of the scope it lands in: `known`'s
   * when that is the scope whose position was already taken, else the scope's next one.
   */
  private async decideRotated(
    m: EntityManager,
    input: RoutingInput,
    known: { scope: string | null; rr: number | null },
  ): Promise<RoutingDecision> {
    const decision = decideRouting(input);
    if (!decision.scope) return decision;
    const rr = decision.scope === known.scope && known.rr !== null ? known.rr : await this.rotationNext(m, decision.scope);
    return decideRouting({ ...input, rotation: { [decision.scope]: rr } });
  }

  /** Capacity reservation (see zs_routing_reserve): the load before this lead, or -1 - load when full. */
  async reserve(m: EntityManager, userId: string, capacity: number, exclusive: boolean): Promise<number> {
    if (!UUID.test(userId)) throw new Error(`not a user id: ${userId}`);
    const rows: { r: number }[] = await m.query(`SELECT zs_routing_reserve($1, $2, $3) AS r`, [userId, capacity, exclusive]);
    return Number(rows[0].r);
  }

  /** Decides for a lead's facts with the current state; changes nothing (the round-robin position is peeked). */
  async decide(m: EntityManager, facts: LeadFacts): Promise<{ decision: RoutingDecision; candidates: CandidateRow[] }> {
    const cfg = await this.routingConfig(m);
    const candidates = await this.candidates(m);
    const base = {
      facts,
      rules: cfg.rules,
      candidates,
      defaultTeamId: cfg.defaultTeamId,
      now: this.clock.now(),
      calendar: cfg.calendar,
      loadBand: LEAST_LOADED_BAND,
    };
    let decision = decideRouting(base);
    if (decision.scope) {
      const name = rotationSequenceName(decision.scope);
      const exists: { r: string | null }[] = await m.query(`SELECT to_regclass($1)::text AS r`, [name]);
      let next = 1;
      if (exists[0].r) {
        const rows: { last_value: string; is_called: boolean }[] = await m.query(`SELECT last_value, is_called FROM "${name}"`);
        next = Number(rows[0].last_value) + (rows[0].is_called ? 1 : 0);
      }
      decision = decideRouting({ ...base, rotation: { [decision.scope]: next } });
    }
    return { decision, candidates };
  }

  /** What routing would do with these facts now; changes nothing. */
  async simulate(facts: LeadFacts): Promise<{
    consultant: { id: string; name: string } | null;
    rule: { id: string; name: string } | null;
    steps: RoutingDecision['steps'];
  }> {
    this.invalidate();
    const { decision, candidates } = await this.decide(this.ds.manager, facts);
    const c = candidates.find((x) => x.userId === decision.consultantId);
    const rule = decision.ruleId ? await this.ds.manager.findOneBy(RoutingRule, { id: decision.ruleId }) : null;
    return {
      consultant: c ? { id: c.userId, name: c.name } : null,
      rule: rule ? { id: rule.id, name: rule.name } : null,
      steps: decision.steps,
    };
  }

  /**
   * Lifecycle hook, after intake committed: routes a batch of new leads in one transaction, each
   * claimed from `lead_created_queue` (a lead some other process already routed is skipped). When
   * the batch fails, each lead is retried in its own transaction; one that still fails stays queued
   * for {@link routeQueued}.
   */
  async routeNewLeads(leads: readonly Lead[]): Promise<void> {
    try {
      await this.ds.transaction((m) => this.routeBatch(m, leads));
    } catch (batchError) {
      if (leads.length === 1) throw batchError;
      const failed: string[] = [];
      for (const lead of leads) {
        await this.ds.transaction((m) => this.routeBatch(m, [lead])).catch((e: Error) => failed.push(`${lead.id}: ${e.message}`));
      }
      if (failed.length) throw new Error(`routing failed, left queued: ${failed.join('; ')}`, { cause: batchError });
    }
  }

  /**
   * Sweep: routes leads queued longer than `olderThanMs` (their process died, or routing failed),
   * oldest first, in batches claimed with SKIP LOCKED. Returns how many were routed.
   */
  async routeQueued(olderThanMs = 30_000, batch = 100): Promise<number> {
    let routed = 0;
    for (;;) {
      const n = await this.ds.transaction(async (m) => {
        const rows: { lead_id: string }[] = await m.query(
          `SELECT lead_id FROM lead_created_queue WHERE enqueued_at < now() - make_interval(secs => $1)
           ORDER BY enqueued_at LIMIT $2 FOR UPDATE SKIP LOCKED`,
          [olderThanMs / 1000, batch],
        );
        if (rows.length === 0) return 0;
        const leads = await m.find(Lead, { where: { id: In(rows.map((r) => r.lead_id)) }, order: { createdAt: 'ASC' } });
        await this.routeBatch(m, leads);
        return rows.length;
      });
      routed += n;
      if (n < batch) return routed;
    }
  }

  /**
   * Claims new leads from `lead_created_queue` (deleting their rows; a lead another process
   * claimed is skipped) and routes them inside `m` in two statements per batch, deciding each lead
   * as {@link route} would one after another: (1) the claim + consultants + loads + one decision
   * number and one predicted round-robin position per lead; the decisions in memory, each counting the leads
   * given earlier in the batch; (2) one capacity reservation per chosen consultant for all their
   * leads of the batch (in consultant-id order, so concurrent batches cannot deadlock) + owners +
   * pool + assignment events + timers + outbox rows. Leads of a consultant who filled up meanwhile
   * are routed again one by one ({@link routeNewLead}).
   */
  private async routeBatch(m: EntityManager, batch: readonly Lead[]): Promise<void> {
    if (batch.length === 0) return;
    const cfg = await this.routingConfig(m);
    const now = this.clock.now();
    const base = (candidates: CandidateRow[]) => ({
      rules: cfg.rules,
      candidates,
      defaultTeamId: cfg.defaultTeamId,
      calendar: cfg.calendar,
      loadBand: LEAST_LOADED_BAND,
      now,
    });
    const predicted = batch.map((l) =>
      this.lastCandidates ? decideRouting({ ...base(this.lastCandidates), facts: factsOf(l) }).scope : null,
    );
    const { candidates, claimed, seqs, rrs } = await this.candidatesNumbered(m, undefined, {
      claim: batch.map((l) => l.id),
      scopes: predicted,
    });
    this.lastCandidates = candidates;
    const mine = new Set(claimed);
    const plans: BatchPlan[] = [];
    for (const [i, lead] of batch.entries()) {
      if (!mine.has(lead.id)) continue;
      const decision = await this.decideRotated(m, { ...base(candidates), facts: factsOf(lead) }, { scope: predicted[i], rr: rrs[i] });
      const candidate = candidates.find((c) => c.userId === decision.consultantId) ?? null;
      if (candidate) candidate.load += 1;
      plans.push({ lead, decision, candidate, seq: seqs[i] });
    }
    if (plans.length === 0) return;
    const full = await this.writeBatch(m, plans, now);
    for (const p of plans) if (p.candidate && full.has(p.candidate.userId)) await this.routeNewLead(m, p.lead);
  }

  /** The next position of a scope's round robin. */
  private async rotationNext(m: EntityManager, scope: string): Promise<number> {
    const rows: { rr: string }[] = await m.query(`SELECT zs_routing_rotation_next($1) AS rr`, [scope]);
    return Number(rows[0].rr);
  }

  /**
   * One statement for a batch's decisions. Returns the consultants whose reservation failed (full
   * meanwhile): nothing was written for their leads.
   */
  private async writeBatch(m: EntityManager, plans: BatchPlan[], now: Date): Promise<Set<string>> {
    const perConsultant = new Map<string, { capacity: number; k: number }>();
    for (const p of plans) {
      if (!p.candidate) continue;
      const e = perConsultant.get(p.candidate.userId) ?? { capacity: p.candidate.capacity, k: 0 };
      e.k += 1;
      perConsultant.set(p.candidate.userId, e);
    }
    // zs_routing_reserve(user, capacity - (k - 1)) admits exactly k more leads; one call per
    // consultant, in id order (a transaction never upgrades a shared lock it holds, and concurrent
    // batches take their locks in the same order).
    const reservations = [...perConsultant.entries()]
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
      .map(([owner, e]) => ({ owner, cap: e.capacity - (e.k - 1) }));
    const rows = plans.map((p) => ({
      lead_id: p.lead.id,
      owner: p.candidate?.userId ?? null,
      data: assignmentData(null, p.candidate?.userId ?? null, { by: 'routing', ruleId: p.decision.ruleId, steps: p.decision.steps }, p.seq),
    }));
    const notices = plans.flatMap((p) => [
      ...this.acknowledgement(p.lead),
      ...(p.candidate
        ? this.consultantMessages(p.candidate, 'assigned', p.lead, `assigned:${p.lead.id}:${p.seq}`)
        : this.poolNotices(p.lead, p.seq)),
    ]);
    const result: { full: string[] | null; notes: number }[] = await m.query(
      `WITH res AS MATERIALIZED (
         SELECT y.owner, zs_routing_reserve(y.owner, y.cap, false) AS r
         FROM jsonb_to_recordset($1::jsonb) AS y(owner uuid, cap int)
       ), plan AS MATERIALIZED (
         SELECT p.lead_id, p.owner, p.data FROM jsonb_to_recordset($2::jsonb) AS p(lead_id uuid, owner uuid, data jsonb)
         WHERE p.owner IS NULL OR (SELECT r FROM res WHERE res.owner = p.owner) >= 0
       ), owner AS (
         UPDATE lead l SET owner_id = plan.owner,
                           assigned_at = CASE WHEN plan.owner IS NULL THEN l.assigned_at ELSE $3::timestamptz END,
                           pooled_at = CASE WHEN plan.owner IS NULL THEN $3::timestamptz END,
                           updated_at = now()
         FROM plan WHERE l.id = plan.lead_id RETURNING l.id, plan.owner, plan.data
       ), event AS (
         INSERT INTO lead_event (lead_id, type, actor_id, data) SELECT id, 'assignment', NULL, data FROM owner
       ), sla AS (
         INSERT INTO lead_sla (lead_id, owner_id, started_at, level, closed_at) SELECT id, owner, $3, 0, NULL FROM owner WHERE owner IS NOT NULL
         ON CONFLICT (lead_id) DO UPDATE SET owner_id = EXCLUDED.owner_id, started_at = EXCLUDED.started_at, level = 0, closed_at = NULL
       ), notes AS (
         ${this.notifications.outboxInsert('$4', '$3', 'WHERE x.lead_id IN (SELECT id FROM owner)')}
       )
       SELECT (SELECT array_agg(owner::text) FROM res WHERE r < 0) AS full, (SELECT count(*) FROM notes)::int AS notes`,
      [JSON.stringify(reservations), JSON.stringify(rows), now, this.notifications.outboxRows(notices)],
    );
    const full = new Set(result[0].full ?? []);
    for (const p of plans) {
      if (p.candidate && full.has(p.candidate.userId)) continue;
      p.lead.ownerId = p.candidate?.userId ?? null;
      if (p.candidate) p.lead.assignedAt = now;
      else p.lead.pooledAt = now;
    }
    if (result[0].notes > 0) this.notifications.queueDelivery(m);
    return full;
  }

  /** The investor's confirmation email (when they left an address). */
  private acknowledgement(lead: Lead): NewNotification[] {
    return lead.email
      ? [
          {
            eventKey: `lead-ack:${lead.id}`,
            recipient: lead.email,
            channel: 'email',
            leadId: lead.id,
            payload: investorAcknowledgement(lead),
          },
        ]
      : [];
  }

  /** "New lead in the pool" to the default WeCom robot, when there is one. */
  private poolNotices(lead: Lead, seq: number): NewNotification[] {
    const robot = this.config.wecom.robotKey;
    if (!robot) return [];
    const payload = leadMessage('pool_new', lead, this.link(lead.id));
    return [
      {
        eventKey: `pooled:${lead.id}:${seq}`,
        recipient: robotRecipient(robot),
        channel: 'wecom_robot',
        leadId: lead.id,
        payload: { ...payload, robotKey: robot },
      },
    ];
  }

  /** Routes one new, non-spam lead inside `m` (the caller claimed it from the queue, or created it). */
  async routeNewLead(m: EntityManager, lead: Lead): Promise<void> {
    const ack = this.acknowledgement(lead);
    await this.route(m, factsOf(lead), {}, async (candidate, decision, seq) => {
      const meta = { by: 'routing' as const, actorId: null, ruleId: decision.ruleId, steps: decision.steps, notify: true };
      if (!candidate) {
        await this.poolInTx(m, lead, seq, meta, ack);
        return 0;
      }
      return this.assignInTx(m, lead, candidate.userId, seq, meta, {
        contact: candidate,
        also: ack,
        reserve: { capacity: candidate.capacity, exclusive: false },
      });
    });
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
    return this.consultantMessages(
      { email: r.email, wecomUserId: r.wecom_user_id, robotKey: r.robot_key, teamRobotKey: r.team_robot_key },
      kind,
      lead,
      eventKey,
      extra,
    );
  }

  private consultantMessages(
    to: { email: string; wecomUserId: string | null; robotKey: string | null; teamRobotKey: string | null },
    kind: LeadMessageKind,
    lead: Lead,
    eventKey: string,
    extra = '',
  ): NewNotification[] {
    const payload = leadMessage(kind, lead, this.link(lead.id), extra);
    const out: NewNotification[] = [{ eventKey, recipient: to.email, channel: 'email', leadId: lead.id, payload }];
    if (to.wecomUserId && this.notifications.wecomAppEnabled) {
      out.push({ eventKey, recipient: to.wecomUserId, channel: 'wecom_app', leadId: lead.id, payload });
    }
    const robotKey = to.robotKey ?? to.teamRobotKey ?? this.config.wecom.robotKey;
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

  /**
   * Makes `consultantId` the owner; starts the first-response timer. One statement reserves
   * capacity (when `reserve` is given; see zs_routing_reserve) and, when that succeeds, writes the
   * owner, the assignment event, the timer and the outbox rows; then one delivery job is queued.
   * Returns the reservation: the load before this lead, or -1 - load when full (nothing written).
   * Callers hold the lead row (or created it).
   */
  async assignInTx(
    m: EntityManager,
    lead: Lead,
    consultantId: string,
    seq: number,
    meta: AssignMeta,
    opts: {
      contact?: { email: string; wecomUserId: string | null; robotKey: string | null; teamRobotKey: string | null };
      also?: NewNotification[];
      reserve?: { capacity: number; exclusive: boolean };
    } = {},
  ): Promise<number> {
    if (!UUID.test(consultantId)) throw new Error(`not a user id: ${consultantId}`);
    const now = this.clock.now();
    const from = lead.ownerId;
    const timer = !lead.firstResponseAt && lead.stage === 'new';
    const notices = [...(opts.also ?? [])];
    if (meta.notify) {
      const eventKey = `assigned:${lead.id}:${seq}`;
      notices.push(
        ...(opts.contact
          ? this.consultantMessages(opts.contact, 'assigned', lead, eventKey)
          : await this.consultantNotifications(m, consultantId, 'assigned', lead, eventKey)),
      );
    }
    const data = assignmentData(from, consultantId, meta, seq);
    const rows: { r: number; notes: number }[] = await m.query(
      `WITH r AS (SELECT CASE WHEN $10::boolean THEN zs_routing_reserve($2::uuid, $7::int, $8::boolean) ELSE 0 END AS r),
       owner AS (
         UPDATE lead SET owner_id = $2, assigned_at = $3, pooled_at = NULL, updated_at = now()
         WHERE id = $1 AND (SELECT r FROM r) >= 0 RETURNING id
       ), event AS (
         INSERT INTO lead_event (lead_id, type, actor_id, data) SELECT id, 'assignment', $4, $5 FROM owner
       ), sla AS (
         INSERT INTO lead_sla (lead_id, owner_id, started_at, level, closed_at) SELECT id, $2, $3, 0, NULL FROM owner WHERE $9::boolean
         ON CONFLICT (lead_id) DO UPDATE SET owner_id = EXCLUDED.owner_id, started_at = EXCLUDED.started_at, level = 0, closed_at = NULL
       ), notes AS (
         ${this.notifications.outboxInsert('$6', '$3', 'WHERE EXISTS (SELECT 1 FROM owner)')}
       )
       SELECT (SELECT r FROM r) AS r, (SELECT count(*) FROM notes)::int AS notes`,
      [
        lead.id,
        consultantId,
        now,
        meta.actorId,
        JSON.stringify(data),
        this.notifications.outboxRows(notices),
        opts.reserve?.capacity ?? 0,
        opts.reserve?.exclusive ?? false,
        timer,
        opts.reserve !== undefined,
      ],
    );
    const reserved = Number(rows[0].r);
    if (reserved < 0) return reserved;
    lead.ownerId = consultantId;
    lead.assignedAt = now;
    lead.pooledAt = null;
    if (rows[0].notes > 0) this.notifications.queueDelivery(m);
    return reserved;
  }

  /** Puts a lead in the pool; stops its timer. Callers hold the lead row (or created it). */
  async poolInTx(
    m: EntityManager,
    lead: Lead,
    seq: number,
    meta: AssignMeta & { reason?: string },
    also: NewNotification[] = [],
  ): Promise<void> {
    const now = this.clock.now();
    const from = lead.ownerId;
    lead.ownerId = null;
    lead.pooledAt = now;
    await m.update(Lead, { id: lead.id }, { ownerId: null, pooledAt: now });
    await m.query(`UPDATE lead_sla SET closed_at = $2 WHERE lead_id = $1 AND closed_at IS NULL`, [lead.id, now]);
    await this.leads.addEvent(m, lead.id, 'assignment', assignmentData(from, null, meta, seq), meta.actorId);
    const notices = [...also, ...(meta.notify ? this.poolNotices(lead, seq) : [])];
    if (notices.length) await this.notifications.enqueue(m, notices);
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
      const lead = await this.lockedLead(m, leadId);
      if (lead.ownerId) {
        throw DomainError.conflict('LEAD_NOT_IN_POOL', '该线索不在公海中，已有负责人', 'The lead is not in the pool', [
          { field: 'id', code: 'LEAD_NOT_IN_POOL', message_zh: '线索已有负责人', message_en: 'Lead already has an owner' },
        ]);
      }
      const settings = await this.settings(m);
      const me = (await this.candidates(m)).find((c) => c.userId === user.id);
      const cap = Math.min(settings.claimCap, me?.capacity ?? settings.claimCap);
      const reserved = await this.assignInTx(
        m,
        lead,
        user.id,
        await this.nextDecision(m),
        { by: 'claim', actorId: user.id, notify: false },
        { reserve: { capacity: cap, exclusive: false } },
      );
      if (reserved < 0) {
        const load = -1 - reserved;
        throw DomainError.conflict(
          'CLAIM_CAP_REACHED',
          `您已有 ${load} 条未结束线索，达到认领上限 ${cap}`,
          `You already hold ${load} open leads; the claim cap is ${cap}`,
          [{ field: 'id', code: 'CLAIM_CAP_REACHED', message_zh: `认领上限 ${cap}`, message_en: `Claim cap ${cap}` }],
        );
      }
      return lead;
    });
  }

  /** 分配: a manager gives a lead to a consultant (from the pool or another owner). */
  async assign(actor: AuthUser, leadId: string, consultantId: string): Promise<Lead> {
    return this.ds.transaction(async (m) => {
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
      await this.assignInTx(m, lead, consultantId, await this.nextDecision(m), { by: 'manager', actorId: actor.id, notify: true });
      return lead;
    });
  }

  /** 释放: the owner (or a manager) returns a lead to the pool. */
  async release(actor: AuthUser, leadId: string): Promise<Lead> {
    return this.ds.transaction(async (m) => {
      const lead = await this.lockedLead(m, leadId);
      if (!lead.ownerId) {
        throw DomainError.conflict('LEAD_IN_POOL', '该线索已在公海中', 'The lead is already in the pool', [
          { field: 'id', code: 'LEAD_IN_POOL', message_zh: '线索已在公海', message_en: 'Lead is already in the pool' },
        ]);
      }
      if (actor.role === 'consultant' && lead.ownerId !== actor.id) throw DomainError.forbidden();
      await this.poolInTx(m, lead, await this.nextDecision(m), {
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
