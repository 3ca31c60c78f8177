import { Injectable, Logger, type OnModuleInit } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource, EntityManager } from 'typeorm';
import { JobsService } from '@app/jobs';
import { Lead, LeadsRepository } from '@app/leads';
import { Clock, NotificationsService } from '@app/notifications';
import { RoutingService, factsOf } from './routing.service.js';
import { DEFAULT_WORKING_HOURS, workingMinutesBetween, type WorkingHours } from './working-time.js';

export const SLA_SCAN_JOB = 'routing.sla-scan';
/** Routes new leads left in lead_created_queue (their API process died before routing them). */
export const ROUTING_QUEUE_SWEEP_JOB = 'routing.queue-sweep';

/** Level a timer should be at after `elapsed` working minutes (0 running … 3 recycled). */
export function slaLevel(elapsed: number, limit: number, escalateAt: number, recycleAt: number): number {
  if (elapsed >= limit * recycleAt) return 3;
  if (elapsed >= limit * escalateAt) return 2;
  if (elapsed >= limit) return 1;
  return 0;
}

/**
 * First-response SLA. A pg-boss cron job runs {@link scan} every minute on whichever worker gets
 * it; rows are claimed with FOR UPDATE SKIP LOCKED, so each step happens once across workers.
 * Breach → owner reminded; 2× → managers; 4× → back to the pool (or reassigned).
 */
@Injectable()
export class SlaService implements OnModuleInit {
  private readonly logger = new Logger('Sla');

  constructor(
    @InjectDataSource() private readonly ds: DataSource,
    private readonly jobs: JobsService,
    private readonly routing: RoutingService,
    private readonly leads: LeadsRepository,
    private readonly notifications: NotificationsService,
    private readonly clock: Clock,
  ) {}

  onModuleInit(): void {
    this.jobs.register(
      SLA_SCAN_JOB,
      async () => {
        await this.scan();
      },
      { cron: '* * * * *', queue: { retryLimit: 0 } },
    );
    this.jobs.register(
      ROUTING_QUEUE_SWEEP_JOB,
      async () => {
        const n = await this.routing.routeQueued();
        if (n) this.logger.warn(`routed ${n} lead(s) left in the queue`);
      },
      { cron: '* * * * *', queue: { retryLimit: 0 } },
    );
  }

  /** Advances every open timer that is due; returns how many steps were taken. */
  async scan(): Promise<number> {
    let steps = 0;
    let after = '00000000-0000-0000-0000-000000000000';
    for (;;) {
      const done = await this.ds.transaction(async (m) => {
        const settings = await this.routing.settings(m);
        const now = this.clock.now();
        // Working minutes never exceed wall-clock minutes: younger timers cannot be due yet.
        const dueBefore = new Date(now.getTime() - settings.firstResponseMinutes * 60_000);
        const rows: { lead_id: string; owner_id: string; started_at: Date; level: number }[] = await m.query(
          `SELECT lead_id, owner_id, started_at, level FROM lead_sla
           WHERE closed_at IS NULL AND level < 3 AND started_at <= $2 AND lead_id > $1
           ORDER BY lead_id LIMIT 50 FOR UPDATE SKIP LOCKED`,
          [after, dueBefore],
        );
        const calendar = await this.routing.calendar(m);
        let taken = 0;
        for (const row of rows) taken += await this.advance(m, row, settings, calendar, now);
        return { taken, rows: rows.length, last: rows.at(-1)?.lead_id };
      });
      steps += done.taken;
      if (done.rows < 50 || !done.last) break;
      after = done.last;
    }
    return steps;
  }

  private async advance(
    m: EntityManager,
    row: { lead_id: string; owner_id: string; started_at: Date; level: number },
    settings: Awaited<ReturnType<RoutingService['settings']>>,
    calendar: Awaited<ReturnType<RoutingService['calendar']>>,
    now: Date,
  ): Promise<number> {
    // Owner changes lock the lead row; so does this step. A lead locked elsewhere (a claim, an
    // assignment, a stage change — which may be waiting for this timer row) is left for the next scan.
    const lead = await m.findOne(Lead, { where: { id: row.lead_id }, lock: { mode: 'pessimistic_write', onLocked: 'skip_locked' } });
    if (!lead) return 0;
    if (lead.ownerId !== row.owner_id || lead.firstResponseAt || lead.stage !== 'new') {
      await m.query(`UPDATE lead_sla SET closed_at = $2 WHERE lead_id = $1`, [row.lead_id, now]);
      return 0;
    }
    const hoursRows: { working_hours: WorkingHours | null }[] = await m.query(
      `SELECT working_hours FROM consultant_profile WHERE user_id = $1`,
      [row.owner_id],
    );
    const hours = hoursRows[0]?.working_hours ?? DEFAULT_WORKING_HOURS;
    const elapsed = workingMinutesBetween(new Date(row.started_at), now, hours, calendar);
    const target = slaLevel(elapsed, settings.firstResponseMinutes, settings.escalateMultiplier, settings.recycleMultiplier);
    if (target <= row.level) return 0;
    const key = `${row.lead_id}:${new Date(row.started_at).getTime()}`;
    let taken = 0;
    for (let level = row.level + 1; level <= target; level++) {
      taken++;
      if (level === 1) {
        await this.leads.addEvent(m, lead.id, 'sla', {
          level: 1,
          action: 'owner_reminded',
          ownerId: row.owner_id,
          elapsedMinutes: elapsed,
        });
        await this.notifications.enqueue(
          m,
          await this.routing.consultantNotifications(
            m,
            row.owner_id,
            'sla_reminder',
            lead,
            `sla-reminder:${key}`,
            `已超过 ${settings.firstResponseMinutes} 个工作分钟未首次响应`,
          ),
        );
      } else if (level === 2) {
        await this.leads.addEvent(m, lead.id, 'sla', {
          level: 2,
          action: 'manager_escalated',
          ownerId: row.owner_id,
          elapsedMinutes: elapsed,
        });
        await this.notifications.enqueue(
          m,
          await this.routing.managerNotifications(
            m,
            'sla_escalation',
            lead,
            `sla-escalation:${key}`,
            `负责顾问已超过 ${settings.firstResponseMinutes * settings.escalateMultiplier} 个工作分钟未响应`,
          ),
        );
      } else {
        await this.leads.addEvent(m, lead.id, 'sla', {
          level: 3,
          action: settings.breachAction === 'reassign' ? 'reassigned' : 'returned_to_pool',
          ownerId: row.owner_id,
          elapsedMinutes: elapsed,
        });
        const notices = [
          ...(await this.routing.consultantNotifications(m, row.owner_id, 'sla_pooled', lead, `sla-recycled:${key}`)).filter(
            (n) => n.channel !== 'wecom_robot',
          ),
          ...(await this.routing.managerNotifications(m, 'sla_pooled', lead, `sla-recycled:${key}`)),
        ];
        await this.notifications.enqueue(m, notices);
        const pool = async (seq: number): Promise<number> => {
          await this.routing.poolInTx(m, lead, seq, { by: 'sla', actorId: null, reason: 'sla_breach', notify: true });
          return 0;
        };
        if (settings.breachAction === 'reassign') {
          await this.routing.route(m, factsOf(lead), { exclude: row.owner_id }, (candidate, _decision, seq) =>
            candidate
              ? this.routing.assignInTx(
                  m,
                  lead,
                  candidate.userId,
                  seq,
                  { by: 'sla', actorId: null, notify: true },
                  // Exclusive: this transaction may assign several leads.
                  { reserve: { capacity: candidate.capacity, exclusive: true } },
                )
              : pool(seq),
          );
        } else {
          await pool(await this.routing.nextDecision(m));
        }
        await m.query(`UPDATE lead_sla SET level = 3, closed_at = $2 WHERE lead_id = $1 AND owner_id = $3`, [
          row.lead_id,
          now,
          row.owner_id,
        ]);
        this.logger.log(`lead ${lead.reference} recycled after ${elapsed} working minutes`);
        return taken;
      }
    }
    await m.query(`UPDATE lead_sla SET level = $2 WHERE lead_id = $1`, [row.lead_id, target]);
    return taken;
  }
}
