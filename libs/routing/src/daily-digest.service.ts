import { Injectable, type OnModuleInit } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { JobsService } from '@app/jobs';
import { OPEN_STAGES } from '@app/leads';
import { Clock, NotificationsService, type NotificationPayload } from '@app/notifications';
import { RoutingService } from './routing.service.js';

export const DAILY_DIGEST_JOB = 'routing.daily-digest';

export interface DailyFigures {
  day: string;
  newLeads: number;
  assigned: number;
  inPool: number;
  slaReminders: number;
  slaRecycled: number;
  perConsultant: { name: string; open: number; untouched: number }[];
}

/** Beijing calendar date of an instant. */
function beijingDate(at: Date): string {
  return new Date(at.getTime() + 8 * 3600_000).toISOString().slice(0, 10);
}

/** The manager's morning email (08:30 Asia/Shanghai): yesterday's intake, the pool, SLA breaches, loads. */
@Injectable()
export class DailyDigestService implements OnModuleInit {
  constructor(
    @InjectDataSource() private readonly ds: DataSource,
    private readonly jobs: JobsService,
    private readonly routing: RoutingService,
    private readonly notifications: NotificationsService,
    private readonly clock: Clock,
  ) {}

  onModuleInit(): void {
    this.jobs.register(
      DAILY_DIGEST_JOB,
      async () => {
        await this.send();
      },
      { cron: '30 8 * * *', queue: { retryLimit: 0 } },
    );
  }

  async figures(now: Date): Promise<DailyFigures> {
    const since = new Date(now.getTime() - 24 * 3600_000);
    const [counts]: { new_leads: string; assigned: string; in_pool: string; reminders: string; recycled: string }[] = await this.ds.query(
      `SELECT
         (SELECT count(*) FROM lead WHERE NOT spam AND created_at >= $1 AND created_at < $2) AS new_leads,
         (SELECT count(*) FROM lead_event WHERE type = 'assignment' AND data->>'to' IS NOT NULL AND at >= $1 AND at < $2) AS assigned,
         (SELECT count(*) FROM lead WHERE NOT spam AND owner_id IS NULL AND stage = ANY($3)) AS in_pool,
         (SELECT count(*) FROM lead_event WHERE type = 'sla' AND data->>'action' = 'owner_reminded' AND at >= $1 AND at < $2) AS reminders,
         (SELECT count(*) FROM lead_event WHERE type = 'sla' AND data->>'level' = '3' AND at >= $1 AND at < $2) AS recycled`,
      [since, now, [...OPEN_STAGES]],
    );
    const per: { name: string; open: string; untouched: string }[] = await this.ds.query(
      `SELECT u.name, count(l.id) AS open, count(l.id) FILTER (WHERE l.first_response_at IS NULL AND l.stage = 'new') AS untouched
       FROM app_user u LEFT JOIN lead l ON l.owner_id = u.id AND l.stage = ANY($1)
       WHERE u.role = 'consultant' AND u.active GROUP BY u.id, u.name ORDER BY count(l.id) DESC, u.name`,
      [[...OPEN_STAGES]],
    );
    return {
      day: beijingDate(since),
      newLeads: Number(counts.new_leads),
      assigned: Number(counts.assigned),
      inPool: Number(counts.in_pool),
      slaReminders: Number(counts.reminders),
      slaRecycled: Number(counts.recycled),
      perConsultant: per.map((p) => ({ name: p.name, open: Number(p.open), untouched: Number(p.untouched) })),
    };
  }

  /** Writes one digest email per active manager; a second run for the same day adds nothing. */
  async send(): Promise<number> {
    const now = this.clock.now();
    const f = await this.figures(now);
    const link = this.routing.link('').replace(/\/leads\/$/, '/reports');
    const lines = [
      `新线索：${f.newLeads} 条；已分配：${f.assigned} 次；公海待认领：${f.inPool} 条`,
      `首次响应超时提醒：${f.slaReminders} 次；超时退回公海：${f.slaRecycled} 条`,
      '',
      '顾问在跟线索（其中未首次响应）：',
      ...f.perConsultant.map((p) => `- ${p.name}：${p.open}（${p.untouched}）`),
    ];
    const payload: NotificationPayload = {
      kind: 'daily_digest',
      subject: `【招商CRM】每日线索简报 ${f.day}`,
      text: [...lines, '', `查看报表：${link}`].join('\n'),
      html:
        `<h2>每日线索简报 ${f.day}</h2><p>${lines.slice(0, 2).join('<br>')}</p><p>顾问在跟线索（其中未首次响应）：</p><ul>` +
        f.perConsultant.map((p) => `<li>${p.name.replace(/[<>&]/g, '')}：${p.open}（${p.untouched}）</li>`).join('') +
        `</ul><p><a href="${link}">查看报表</a></p>`,
      link,
    };
    return this.ds.transaction(async (m) => {
      const managers: { email: string }[] = await m.query(
        `SELECT coalesce(p.email, u.email) AS email FROM app_user u LEFT JOIN consultant_profile p ON p.user_id = u.id
         WHERE u.role = 'manager' AND u.active ORDER BY 1`,
      );
      return this.notifications.enqueue(
        m,
        managers.map((x) => ({ eventKey: `daily-digest:${f.day}`, recipient: x.email, channel: 'email' as const, payload })),
      );
    });
  }
}
