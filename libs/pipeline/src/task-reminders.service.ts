import { Inject, Injectable, type OnModuleInit } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { APP_CONFIG, type AppConfig } from '@app/config';
import { JobsService } from '@app/jobs';
import { LeadsRepository } from '@app/leads';
import { Clock, NotificationsService, type NewNotification, type NotificationPayload } from '@app/notifications';
import { maskPhonesInText } from '@app/privacy';

export const TASK_REMINDERS_JOB = 'pipeline.task-reminders';

interface DueRow {
  id: string;
  title: string;
  due_at: Date;
  lead_id: string;
  reference: string;
  company: string;
  stage: string;
  email: string;
  wecom_user_id: string | null;
}

const esc = (s: string) => s.replace(/[&<>"]/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' })[c]!);

/** The reminder for one due task (to its assignee). */
export function taskDueMessage(t: { title: string; dueAt: Date; reference: string; company: string }, link: string): NotificationPayload {
  const due = new Date(t.dueAt.getTime() + 8 * 3600_000).toISOString().slice(0, 16).replace('T', ' ');
  const title = '待办已到期';
  const lines = [`待办：${t.title}`, `到期：${due}（北京时间）`, `线索：${t.reference} ${t.company}`];
  return {
    kind: 'task_due',
    subject: maskPhonesInText(`【招商CRM】${title}：${t.title} ${t.reference}`),
    text: maskPhonesInText([title, '', ...lines, '', `查看线索：${link}`].join('\n')),
    html: maskPhonesInText(
      `<h2>${title}</h2><ul>${lines.map((l) => `<li>${esc(l)}</li>`).join('')}</ul><p><a href="${esc(link)}">打开线索 ${esc(t.reference)}</a></p>`,
    ),
    markdown: maskPhonesInText([`### ${title}`, ...lines.map((l) => `> ${l}`), `[打开线索](${link})`].join('\n')),
    link,
  };
}

/**
 * Due tasks produce reminders through the notification outbox: a pg-boss cron (every minute, once
 * across workers) claims open, unreminded tasks that are due with SKIP LOCKED, writes the outbox rows
 * and marks them reminded, in one transaction.
 */
@Injectable()
export class TaskRemindersService implements OnModuleInit {
  constructor(
    @InjectDataSource() private readonly ds: DataSource,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly jobs: JobsService,
    private readonly notifications: NotificationsService,
    private readonly leads: LeadsRepository,
    private readonly clock: Clock,
  ) {}

  onModuleInit(): void {
    this.jobs.register(
      TASK_REMINDERS_JOB,
      async () => {
        await this.remindDue();
      },
      { cron: '* * * * *', queue: { retryLimit: 0 } },
    );
  }

  /** Sends reminders for every task due by now; returns how many tasks were reminded. */
  async remindDue(limit = 500): Promise<number> {
    const now = this.clock.now();
    return this.ds.transaction(async (m) => {
      const rows: DueRow[] = await m.query(
        `SELECT t.id, t.title, t.due_at, t.lead_id, l.reference, l.company, l.stage,
                coalesce(p.email, u.email) AS email, p.wecom_user_id
           FROM lead_task t
           JOIN lead l ON l.id = t.lead_id
           JOIN app_user u ON u.id = t.assignee_id
           LEFT JOIN consultant_profile p ON p.user_id = t.assignee_id
          WHERE t.status = 'open' AND t.reminded_at IS NULL AND t.due_at <= $1 AND u.active
          ORDER BY t.due_at
          LIMIT $2
          FOR UPDATE OF t SKIP LOCKED`,
        [now, limit],
      );
      const base = this.config.publicBaseUrl.replace(/\/$/, '');
      const out: NewNotification[] = [];
      for (const r of rows) {
        const payload = taskDueMessage(
          { title: r.title, dueAt: new Date(r.due_at), reference: r.reference, company: r.company },
          `${base}/leads/${r.lead_id}`,
        );
        const eventKey = `task-due:${r.id}:${new Date(r.due_at).getTime()}`;
        out.push({ eventKey, recipient: r.email, channel: 'email', leadId: r.lead_id, payload });
        if (r.wecom_user_id && this.notifications.wecomAppEnabled) {
          out.push({ eventKey, recipient: r.wecom_user_id, channel: 'wecom_app', leadId: r.lead_id, payload });
        }
        await this.leads.addEvent(m, r.lead_id, 'task', { taskId: r.id, reminder: true, dueAt: new Date(r.due_at).toISOString() });
      }
      if (out.length) await this.notifications.enqueue(m, out);
      if (rows.length) await m.query(`UPDATE lead_task SET reminded_at = $2 WHERE id = ANY($1::uuid[])`, [rows.map((r) => r.id), now]);
      return rows.length;
    });
  }
}
