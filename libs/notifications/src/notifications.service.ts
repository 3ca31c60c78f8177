import { Inject, Injectable, Logger, type OnApplicationShutdown, type OnModuleInit } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource, EntityManager, EntitySubscriberInterface, QueryRunner } from 'typeorm';
import { APP_CONFIG, type AppConfig } from '@app/config';
import { DomainError } from '@app/errors';
import { JobsService } from '@app/jobs';
import { Clock } from './clock.js';
import { EmailSender } from './email-sender.js';
import { APP_TEXT_MAX_BYTES, nextAttemptAfterFailure, ROBOT_LIMIT_PER_MINUTE, robotDigest, truncateBytes } from './delivery-policy.js';
import { Notification, type NotificationChannel, type NotificationPayload, type NotificationStatus } from './notification.entity.js';
import { WecomRobotState } from './wecom-state.entity.js';
import { secretHash, TOKEN_ERROR_CODES, WecomClient } from './wecom-client.js';

export interface NewNotification {
  eventKey: string;
  recipient: string;
  channel: NotificationChannel;
  leadId?: string | null;
  payload: NotificationPayload;
}

export const DELIVER_JOB = 'notifications.deliver';
export const SWEEP_JOB = 'notifications.sweep';
/** Outbox commits within this window share one delivery job. */
export const DELIVERY_COALESCE_MS = 25;

/** Robot notifications are addressed to the robot by the hash of its key. */
export function robotRecipient(key: string): string {
  return `robot:${secretHash(key)}`;
}

/**
 * The outbox: {@link enqueue} writes rows in the caller's transaction; {@link deliverDue} (run by
 * pg-boss jobs on every worker) claims due rows one at a time with FOR UPDATE SKIP LOCKED, so each
 * row is delivered by exactly one worker, and records the outcome with exponential backoff.
 */
@Injectable()
export class NotificationsService implements OnModuleInit, OnApplicationShutdown {
  private readonly logger = new Logger('Notifications');
  private readonly email: EmailSender;
  private readonly wecom: WecomClient;
  /** Transactions that wrote outbox rows: a delivery job is queued once they commit. */
  private readonly pendingDelivery = new WeakSet<QueryRunner>();
  private deliveryTimer: NodeJS.Timeout | null = null;

  constructor(
    @InjectDataSource() private readonly ds: DataSource,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly jobs: JobsService,
    private readonly clock: Clock,
  ) {
    this.email = new EmailSender(config);
    this.wecom = new WecomClient(config.wecom.apiBase);
  }

  onModuleInit(): void {
    const run = async (): Promise<void> => {
      await this.deliverDue();
    };
    this.jobs.register(DELIVER_JOB, run, { queue: { retryLimit: 0 } });
    this.jobs.register(SWEEP_JOB, run, { cron: '* * * * *', queue: { retryLimit: 0 } });
    const subscriber: EntitySubscriberInterface = {
      afterTransactionCommit: (e) => {
        if (e.queryRunner && this.pendingDelivery.has(e.queryRunner)) {
          this.pendingDelivery.delete(e.queryRunner);
          this.deliverySoon();
        }
      },
      afterTransactionRollback: (e) => {
        if (e.queryRunner) this.pendingDelivery.delete(e.queryRunner);
      },
    };
    this.ds.subscribers.push(subscriber);
  }

  onApplicationShutdown(): void {
    if (this.deliveryTimer) clearTimeout(this.deliveryTimer);
    this.email.close();
  }

  /** Whether WeCom application messages are configured. */
  get wecomAppEnabled(): boolean {
    const w = this.config.wecom;
    return Boolean(w.corpId && w.secret && w.agentId);
  }

  /**
   * Writes notifications in the caller's transaction (duplicates of an (event, recipient, channel)
   * are ignored) and queues a delivery job in the same transaction.
   */
  async enqueue(manager: EntityManager, items: NewNotification[]): Promise<number> {
    if (items.length === 0) return 0;
    // One statement for the whole batch (an intake writes 2–4 rows).
    const rows: unknown[] = await manager.query(this.outboxInsert('$1', '$2'), [this.outboxRows(items), this.clock.now()]);
    if (rows.length > 0) this.queueDelivery(manager);
    return rows.length;
  }

  /**
   * The outbox INSERT for callers that fold it into a larger statement: `rowsParam` holds
   * {@link outboxRows}, `nowParam` the time; duplicates of an (event, recipient, channel) are
   * ignored; returns the ids inserted. Call {@link queueDelivery} in the same transaction when any.
   */
  outboxInsert(rowsParam: string, nowParam: string, where = ''): string {
    // PIPL: nothing more about a lead whose investor withdrew every consent (libs/privacy-requests).
    const consent = `NOT EXISTS (SELECT 1 FROM consent_record c WHERE c.lead_id = x.lead_id HAVING bool_and(c.withdrawn_at IS NOT NULL))`;
    where = where ? `${where} AND ${consent}` : `WHERE ${consent}`;
    return `INSERT INTO notification (event_key, recipient, channel, lead_id, payload, status, attempts, next_attempt_at, created_at, updated_at)
       SELECT x.event_key, x.recipient, x.channel, x.lead_id, x.payload, 'pending', 0, ${nowParam}::timestamptz, ${nowParam}::timestamptz, ${nowParam}::timestamptz
       FROM jsonb_to_recordset(${rowsParam}::jsonb) AS x(event_key text, recipient text, channel text, lead_id uuid, payload jsonb)
       ${where}
       ON CONFLICT (event_key, recipient, channel) DO NOTHING RETURNING id`;
  }

  outboxRows(items: NewNotification[]): string {
    return JSON.stringify(
      items.map((n) => ({
        event_key: n.eventKey,
        recipient: n.recipient,
        channel: n.channel,
        lead_id: n.leadId ?? null,
        payload: n.payload,
      })),
    );
  }

  /**
   * Wakes the workers for rows the caller's transaction wrote: once it commits, one delivery job
   * (coalesced per process over {@link DELIVERY_COALESCE_MS}, sent on pg-boss's own connections)
   * makes a worker drain every due row. No round trip inside the caller's transaction; a job that
   * is never sent (process killed between commit and send) only delays the rows to the minutely sweep.
   */
  queueDelivery(manager: EntityManager): void {
    const qr = manager.queryRunner;
    if (qr?.isTransactionActive) this.pendingDelivery.add(qr);
    else this.deliverySoon();
  }

  private deliverySoon(): void {
    if (this.deliveryTimer) return;
    this.deliveryTimer = setTimeout(() => {
      this.deliveryTimer = null;
      this.jobs.send(DELIVER_JOB, {}).catch((e: Error) => this.logger.warn(`delivery job not queued: ${e.message}`));
    }, DELIVERY_COALESCE_MS);
  }

  list(filter: { leadId?: string; status?: NotificationStatus; limit?: number }): Promise<Notification[]> {
    const qb = this.ds.manager.createQueryBuilder(Notification, 'n').orderBy('n.created_at', 'DESC').addOrderBy('n.id', 'ASC');
    if (filter.leadId) qb.andWhere('n.lead_id = :leadId', { leadId: filter.leadId });
    if (filter.status) qb.andWhere('n.status = :status', { status: filter.status });
    return qb.take(Math.min(filter.limit ?? 200, 1000)).getMany();
  }

  /** Puts a failed or dead notification back in the queue for one more round of attempts. */
  async retry(id: string): Promise<Notification> {
    return this.ds.transaction(async (m) => {
      const n = await m.findOne(Notification, { where: { id }, lock: { mode: 'pessimistic_write' } });
      if (!n) throw DomainError.notFound('Notification', '通知');
      if (n.status === 'sent' || n.status === 'pending') {
        throw DomainError.conflict(
          'NOTIFICATION_NOT_RETRYABLE',
          `该通知状态为 ${n.status}，无需重试`,
          `Notification is ${n.status}; only failed or dead ones can be retried`,
          [
            {
              field: 'id',
              code: 'NOT_RETRYABLE',
              message_zh: '只能重试失败或已放弃的通知',
              message_en: 'Only failed or dead notifications can be retried',
            },
          ],
        );
      }
      const now = this.clock.now();
      n.status = 'pending';
      n.attempts = 0;
      n.createdAt = now;
      n.nextAttemptAt = now;
      await m.save(Notification, n);
      await this.jobs.send(DELIVER_JOB, {}, {}, { query: (sql, params) => m.query(sql, params) });
      return n;
    });
  }

  /** Delivers every due notification (up to `limit`); safe to run on any number of workers at once. */
  async deliverDue(limit = 1000): Promise<number> {
    let processed = 0;
    while (processed < limit && (await this.deliverOne())) processed++;
    return processed;
  }

  private deliverOne(): Promise<boolean> {
    return this.ds.transaction(async (m) => {
      const now = this.clock.now();
      // One statement claims and reads the row.
      const n = await m
        .createQueryBuilder(Notification, 'n')
        .where(`n.status IN ('pending', 'failed') AND n.nextAttemptAt <= :now`, { now })
        .orderBy('n.nextAttemptAt', 'ASC')
        .addOrderBy('n.id', 'ASC')
        .limit(1)
        .setLock('pessimistic_write')
        .setOnLocked('skip_locked')
        .getOne();
      if (!n) return false;
      switch (n.channel) {
        case 'email':
          await this.deliverEmail(m, n, now);
          break;
        case 'wecom_app':
          await this.deliverApp(m, n, now);
          break;
        case 'wecom_robot':
          await this.deliverRobot(m, n, now);
          break;
        default: {
          const never: never = n.channel;
          await this.markDead(m, [n], `unknown channel ${String(never)}`, now);
        }
      }
      return true;
    });
  }

  private async markSent(m: EntityManager, n: Notification, now: Date, extra: Partial<Notification> = {}): Promise<void> {
    n.attempts += 1;
    await m.update(Notification, { id: n.id }, { status: 'sent', attempts: n.attempts, sentAt: now, lastError: null, ...extra });
  }

  private async markFailed(m: EntityManager, list: Notification[], error: string, now: Date, minDelayMs = 0): Promise<void> {
    for (const n of list) {
      const attempts = n.attempts + 1;
      const next = nextAttemptAfterFailure(n.createdAt, attempts, now, minDelayMs);
      await m.update(
        Notification,
        { id: n.id },
        next
          ? { status: 'failed', attempts, lastError: error.slice(0, 500), nextAttemptAt: next }
          : { status: 'dead', attempts, lastError: `${error.slice(0, 450)} (gave up after 24 h)` },
      );
    }
  }

  private async markDead(m: EntityManager, list: Notification[], error: string, _now: Date): Promise<void> {
    for (const n of list) {
      await m.update(Notification, { id: n.id }, { status: 'dead', attempts: n.attempts + 1, lastError: error.slice(0, 500) });
    }
  }

  private async deliverEmail(m: EntityManager, n: Notification, now: Date): Promise<void> {
    try {
      await this.email.send(n.id, n.recipient, n.payload);
      await this.markSent(m, n, now);
    } catch (e) {
      const code = (e as { responseCode?: number }).responseCode;
      // A 5xx reply is the server's final word (unknown mailbox, rejected content): retrying cannot help.
      if (code !== undefined && code >= 500 && code < 600) await this.markDead(m, [n], `SMTP ${code}: ${(e as Error).message}`, now);
      else await this.markFailed(m, [n], `SMTP: ${(e as Error).message}`, now);
    }
  }

  private async deliverApp(m: EntityManager, n: Notification, now: Date): Promise<void> {
    const w = this.config.wecom;
    if (!w.corpId || !w.secret || !w.agentId) {
      await this.markDead(m, [n], 'WeCom application messages are not configured', now);
      return;
    }
    const content = truncateBytes(n.payload.link ? `${n.payload.text}\n${n.payload.link}` : n.payload.text, APP_TEXT_MAX_BYTES);
    try {
      let token = await this.token(w.corpId, w.agentId, w.secret);
      let res = await this.wecom.appSend(token, w.agentId, n.recipient, content);
      if (TOKEN_ERROR_CODES.includes(res.errcode)) {
        // Compare-and-delete: only the token that failed is dropped; then one refresh and one retry.
        await this.ds.query(`DELETE FROM wecom_token WHERE credential = $1 AND access_token = $2`, [
          this.credential(w.corpId, w.agentId, w.secret),
          token,
        ]);
        token = await this.token(w.corpId, w.agentId, w.secret);
        res = await this.wecom.appSend(token, w.agentId, n.recipient, content);
      }
      if (res.errcode === 0) {
        const invalid = (res.invaliduser ?? '').split('|').filter(Boolean);
        const recipients = n.recipient.split('|').filter(Boolean);
        if (invalid.length > 0 && invalid.length >= recipients.length) {
          await this.markDead(m, [n], `invaliduser: ${invalid.join('|')}`, now);
        } else {
          await this.markSent(m, n, now, { partialFailure: invalid.length ? `invaliduser: ${invalid.join('|')}` : null });
        }
      } else if (res.errcode === 81013) {
        await this.markDead(m, [n], `WeCom ${res.errcode}: all recipients invalid`, now);
      } else {
        await this.markFailed(m, [n], `WeCom ${res.errcode}: ${res.errmsg}`, now);
      }
    } catch (e) {
      await this.markFailed(m, [n], `WeCom: ${(e as Error).message}`, now);
    }
  }

  private credential(corpId: string, agentId: number, secret: string): string {
    return secretHash(`${corpId}:${agentId}:${secret}`);
  }

  /**
   * The app's access token from the Postgres cache; on a miss one process refreshes it under an
   * advisory lock while the others wait and then read what it stored (single flight).
   */
  async token(corpId: string, agentId: number, secret: string): Promise<string> {
    const credential = this.credential(corpId, agentId, secret);
    const read = async (q: (sql: string, p: unknown[]) => Promise<{ access_token: string }[]>) =>
      (await q(`SELECT access_token FROM wecom_token WHERE credential = $1 AND expires_at > $2`, [credential, this.clock.now()]))[0]
        ?.access_token;
    const cached = await read((sql, p) => this.ds.query(sql, p));
    if (cached) return cached;
    return this.ds.transaction(async (m) => {
      await m.query(`SELECT pg_advisory_xact_lock(hashtextextended($1, 0))`, [`wecom-token:${credential}`]);
      const again = await read((sql, p) => m.query(sql, p));
      if (again) return again;
      const res = await this.wecom.getToken(corpId, secret);
      if (res.errcode !== 0 || !res.access_token) throw new Error(`gettoken ${res.errcode}: ${res.errmsg}`);
      const expiresAt = new Date(this.clock.now().getTime() + Math.max(60, (res.expires_in ?? 7200) - 300) * 1000);
      await m.query(
        `INSERT INTO wecom_token (credential, access_token, expires_at) VALUES ($1, $2, $3)
         ON CONFLICT (credential) DO UPDATE SET access_token = EXCLUDED.access_token, expires_at = EXCLUDED.expires_at`,
        [credential, res.access_token, expiresAt],
      );
      return res.access_token;
    });
  }

  private async deliverRobot(m: EntityManager, n: Notification, now: Date): Promise<void> {
    const key = n.payload.robotKey;
    if (!key) {
      await this.markDead(m, [n], 'no robot key', now);
      return;
    }
    const keyHash = secretHash(key);
    // One sender per robot at a time, across processes: the window count below stays exact.
    await m.query(`SELECT pg_advisory_xact_lock(hashtextextended($1, 0))`, [`wecom-robot:${keyHash}`]);
    const state = await m.findOneBy(WecomRobotState, { keyHash });
    if (state?.disabledAt) {
      await this.markDead(m, [n], `robot disabled: ${state.disabledReason ?? '93000'}`, now);
      return;
    }
    if (state?.blockedUntil && state.blockedUntil.getTime() > now.getTime()) {
      await m.update(Notification, { id: n.id }, { nextAttemptAt: state.blockedUntil });
      return;
    }
    const recent: { sent_at: Date }[] = await m.query(
      `SELECT sent_at FROM wecom_robot_send WHERE key_hash = $1 AND sent_at > $2 ORDER BY sent_at DESC LIMIT $3`,
      [keyHash, new Date(now.getTime() - 60_000), ROBOT_LIMIT_PER_MINUTE],
    );
    if (recent.length >= ROBOT_LIMIT_PER_MINUTE) {
      // Sliding window full: wait until the oldest of the last 18 sends leaves it.
      const freeAt = new Date(new Date(recent[recent.length - 1].sent_at).getTime() + 60_000);
      await m.update(Notification, { id: n.id }, { nextAttemptAt: freeAt });
      return;
    }
    const others = await m.query(
      `SELECT id FROM notification WHERE channel = 'wecom_robot' AND recipient = $1 AND id <> $2
         AND status IN ('pending', 'failed') AND next_attempt_at <= $3
       ORDER BY created_at, id LIMIT 60 FOR UPDATE SKIP LOCKED`,
      [n.recipient, n.id, now],
    );
    const burst = [n];
    for (const o of others as { id: string }[]) burst.push(await m.findOneByOrFail(Notification, { id: o.id }));
    const digest = robotDigest(burst.map((b) => b.payload.markdown ?? b.payload.text));
    const carried = burst.slice(0, digest.count);
    await m.query(`INSERT INTO wecom_robot_send (id, key_hash, sent_at) VALUES (gen_random_uuid(), $1, $2)`, [keyHash, now]);
    await m.query(`DELETE FROM wecom_robot_send WHERE key_hash = $1 AND sent_at < $2`, [keyHash, new Date(now.getTime() - 3600_000)]);
    let res;
    try {
      res = await this.wecom.robotSend(key, digest.content);
    } catch (e) {
      await this.markFailed(m, carried, `WeCom robot: ${(e as Error).message}`, now);
      return;
    }
    switch (res.errcode) {
      case 0:
        for (const c of carried) await this.markSent(m, c, now, carried.length > 1 ? { digestOf: n.id } : {});
        return;
      case 45009: {
        const until = new Date(now.getTime() + 60_000);
        await m.query(
          `INSERT INTO wecom_robot_state (key_hash, blocked_until) VALUES ($1, $2)
           ON CONFLICT (key_hash) DO UPDATE SET blocked_until = EXCLUDED.blocked_until`,
          [keyHash, until],
        );
        await this.markFailed(m, carried, 'WeCom 45009: api freq out of limit (waiting 60 s)', now, 60_000);
        return;
      }
      case 93000: {
        await m.query(
          `INSERT INTO wecom_robot_state (key_hash, disabled_at, disabled_reason) VALUES ($1, $2, $3)
           ON CONFLICT (key_hash) DO UPDATE SET disabled_at = EXCLUDED.disabled_at, disabled_reason = EXCLUDED.disabled_reason`,
          [keyHash, now, '93000 invalid webhook url'],
        );
        await this.markDead(m, carried, 'WeCom 93000: invalid webhook url; robot disabled', now);
        await this.alertAdmins(m, keyHash);
        this.logger.warn(`WeCom robot ${keyHash} disabled after 93000`);
        return;
      }
      default:
        await this.markFailed(m, carried, `WeCom ${res.errcode}: ${res.errmsg}`, now);
    }
  }

  private async alertAdmins(m: EntityManager, keyHash: string): Promise<void> {
    const admins: { email: string }[] = await m.query(`SELECT email FROM app_user WHERE role = 'admin' AND active ORDER BY email`);
    const link = `${this.config.publicBaseUrl}/admin/teams`;
    await this.enqueue(
      m,
      admins.map((a) => ({
        eventKey: `robot-disabled:${keyHash}`,
        recipient: a.email,
        channel: 'email' as const,
        payload: {
          kind: 'robot_disabled',
          subject: '【招商CRM】企业微信群机器人已失效，已停用该通知渠道',
          text: `企业微信群机器人（编号 ${keyHash}）返回 93000（webhook 地址无效），系统已停用该渠道。请在群中重新添加机器人并更新团队设置：${link}`,
          html: `<p>企业微信群机器人（编号 <code>${keyHash}</code>）返回 93000（webhook 地址无效），系统已停用该渠道。</p><p>请在群中重新添加机器人并<a href="${link}">更新团队设置</a>。</p>`,
          link,
        },
      })),
    );
  }
}
