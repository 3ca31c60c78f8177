import { Inject, Injectable, Logger, type OnModuleInit } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { In, type DataSource, type EntityManager } from 'typeorm';
import { APP_CONFIG, type AppConfig } from '@app/config';
import { AuditLog, AuditService } from '@app/audit';
import { DomainError } from '@app/errors';
import { seesAllLeads, type AuthUser } from '@app/identity';
import { JobsService } from '@app/jobs';
import { CLOSED_STAGES, ConsentRecord, Lead, LeadEvent, normalizePhone } from '@app/leads';
import { maskPhone, PersonalDataCipher } from '@app/privacy';
import { RateLimitService } from '@app/rate-limit';

export const RETENTION_JOB = 'privacy.retention';

/** What an anonymised lead's personal fields become; the aggregates (stage, industry, area, tax…) stay. */
export const ERASED = '[已删除]';

export interface AuditQuery {
  action?: string;
  entity?: string;
  entityId?: string;
  actorId?: string;
  from?: Date;
  to?: Date;
  limit?: number;
}

export interface AuditEntryView {
  id: string;
  at: string;
  actor: { id: string; name: string; email: string } | null;
  action: string;
  entity: string;
  entityId: string | null;
  details: Record<string, unknown>;
}

export interface SubjectExport {
  exportedAt: string;
  phone: string;
  leads: Record<string, unknown>[];
}

export interface ErasureResult {
  leadsAnonymised: number;
  leadIds: string[];
}

export interface WithdrawalResult {
  consentsWithdrawn: number;
  notificationsCancelled: number;
  leadIds: string[];
}

/** A table owned by another feature that may not exist in every build (optional cleanup). */
async function tableExists(m: EntityManager, name: string): Promise<boolean> {
  const rows: { t: string | null }[] = await m.query('SELECT to_regclass($1)::text AS t', [name]);
  return Boolean(rows[0]?.t);
}

function notFound(): DomainError {
  return DomainError.notFound('Lead', '线索');
}

/**
 * PIPL duties around an investor's personal data: audited phone reveal, the audit trail, data-subject
 * export and erasure (anonymisation that keeps the aggregates reports need), consent withdrawal and the
 * retention job. Every action writes an audit_log row in its own transaction; no audit row holds a
 * clear phone number.
 */
@Injectable()
export class PrivacyRequestsService implements OnModuleInit {
  private readonly logger = new Logger('Privacy');

  constructor(
    @InjectDataSource() private readonly ds: DataSource,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly cipher: PersonalDataCipher,
    private readonly audit: AuditService,
    private readonly jobs: JobsService,
    private readonly rateLimits: RateLimitService,
  ) {}

  onModuleInit(): void {
    // Daily at 03:30 Beijing time, once across all workers (pg-boss cron).
    this.jobs.register(
      RETENTION_JOB,
      async () => {
        const n = await this.runRetention();
        if (n > 0) this.logger.log(`retention: ${n} closed leads anonymised`);
      },
      { cron: '30 3 * * *', queue: { retryLimit: 2 } },
    );
  }

  /** The full phone of a lead: owners of the lead, managers and admins; every reveal is audited. */
  async revealPhone(user: AuthUser, leadId: string): Promise<{ leadId: string; phone: string; phoneMasked: string }> {
    return this.ds.transaction(async (m) => {
      const lead = await m.findOneBy(Lead, { id: leadId });
      const mine = lead?.ownerId === user.id;
      if (!lead || (!seesAllLeads(user) && !mine && (lead.spam || lead.ownerId !== null))) throw notFound();
      if (!seesAllLeads(user) && !mine) {
        throw new DomainError(
          'forbidden',
          'CLAIM_FIRST',
          '这是公海线索，请先认领再查看完整号码',
          'Claim this pool lead before revealing its phone',
        );
      }
      if (!lead.phoneEnc) {
        throw DomainError.conflict('PERSONAL_DATA_ERASED', '该线索的个人信息已删除', "This lead's personal data has been erased", [
          {
            field: 'id',
            code: 'ERASED',
            message_zh: '线索已匿名化，无号码可查看',
            message_en: 'The lead is anonymised; there is no phone to reveal',
          },
        ]);
      }
      const phone = this.cipher.decrypt(lead.phoneEnc);
      await this.audit.record(m, {
        actorId: user.id,
        action: 'lead.reveal_phone',
        entity: 'lead',
        entityId: lead.id,
        details: { reference: lead.reference, phoneMasked: lead.phoneMasked, role: user.role },
      });
      return { leadId: lead.id, phone, phoneMasked: lead.phoneMasked };
    });
  }

  /** The audit trail, newest first, with the actor's name and email. */
  async listAudit(q: AuditQuery): Promise<AuditEntryView[]> {
    const qb = this.ds.manager
      .createQueryBuilder(AuditLog, 'a')
      .orderBy('a.at', 'DESC')
      .addOrderBy('a.id', 'DESC')
      .take(Math.min(Math.max(q.limit ?? 100, 1), 500));
    if (q.action) qb.andWhere('a.action LIKE :action', { action: `${q.action.replace(/[%_\\]/g, '\\$&')}%` });
    if (q.entity) qb.andWhere('a.entity = :entity', { entity: q.entity });
    if (q.entityId) qb.andWhere('a.entity_id = :entityId', { entityId: q.entityId });
    if (q.actorId) qb.andWhere('a.actor_id = :actorId', { actorId: q.actorId });
    if (q.from) qb.andWhere('a.at >= :from', { from: q.from });
    if (q.to) qb.andWhere('a.at < :to', { to: q.to });
    const rows = await qb.getMany();
    const actorIds = [...new Set(rows.map((r) => r.actorId).filter((x): x is string => Boolean(x)))];
    const actors = new Map<string, { id: string; name: string; email: string }>();
    if (actorIds.length) {
      const users: { id: string; name: string; email: string }[] = await this.ds.query(
        'SELECT id, name, email FROM app_user WHERE id = ANY($1::uuid[])',
        [actorIds],
      );
      for (const u of users) actors.set(u.id, u);
    }
    return rows.map((r) => ({
      id: r.id,
      at: r.at.toISOString(),
      actor: r.actorId ? (actors.get(r.actorId) ?? { id: r.actorId, name: '', email: '' }) : null,
      action: r.action,
      entity: r.entity,
      entityId: r.entityId,
      details: r.details,
    }));
  }

  /** E.164 and keyed hash of a phone given by a data subject, or a 400 naming the field. */
  private subject(phone: unknown): { e164: string; hash: string } {
    const n = typeof phone === 'string' ? normalizePhone(phone) : null;
    if (!n)
      throw DomainError.field('phone', 'PHONE_INVALID', '手机号：不是有效的中国大陆号码', 'phone is not a valid Chinese phone number');
    return { e164: n.e164, hash: this.cipher.hash(n.e164) };
  }

  private async leadsOf(m: EntityManager, hash: string): Promise<Lead[]> {
    const leads = await m.find(Lead, { where: { phoneHash: hash }, order: { createdAt: 'ASC' } });
    if (leads.length === 0) {
      throw new DomainError('not_found', 'SUBJECT_NOT_FOUND', '没有该号码的线索', 'No lead has this phone', [
        { field: 'phone', code: 'NOT_FOUND', message_zh: '手机号：没有对应的线索', message_en: 'phone: no lead has this number' },
      ]);
    }
    return leads;
  }

  /** Right of access / portability (PIPL Art. 45): everything held about one phone, as JSON. */
  async exportSubject(admin: AuthUser, phone: unknown, verification: string): Promise<SubjectExport> {
    const s = this.subject(phone);
    return this.ds.transaction(async (m) => {
      const leads = await this.leadsOf(m, s.hash);
      const ids = leads.map((l) => l.id);
      const [events, consents] = await Promise.all([
        m.find(LeadEvent, { where: { leadId: In(ids) }, order: { at: 'ASC', id: 'ASC' } }),
        m.find(ConsentRecord, { where: { leadId: In(ids) }, order: { grantedAt: 'ASC' } }),
      ]);
      const activities: { lead_id: string; type: string; body: string; at: Date }[] = (await tableExists(m, 'lead_activity'))
        ? await m.query('SELECT lead_id, type, body, at FROM lead_activity WHERE lead_id = ANY($1::uuid[]) ORDER BY at', [ids])
        : [];
      await this.audit.record(m, {
        actorId: admin.id,
        action: 'privacy.export',
        entity: 'data_subject',
        entityId: null,
        details: { phoneMasked: maskPhone(s.e164), leadIds: ids, verification },
      });
      return {
        exportedAt: new Date().toISOString(),
        phone: s.e164,
        leads: leads.map((l) => {
          const { phoneEnc: _enc, phoneHash: _hash, ...rest } = l;
          return {
            ...rest,
            phone: l.phoneEnc ? this.cipher.decrypt(l.phoneEnc) : null,
            events: events.filter((e) => e.leadId === l.id).map((e) => ({ type: e.type, at: e.at, data: e.data })),
            consents: consents
              .filter((c) => c.leadId === l.id)
              .map((c) => ({
                noticeVersion: c.noticeVersion,
                purposes: c.purposes,
                shareConsent: c.shareConsent,
                channel: c.channel,
                ip: c.ip,
                userAgent: c.userAgent,
                grantedAt: c.grantedAt,
                withdrawnAt: c.withdrawnAt,
              })),
            activities: activities.filter((a) => a.lead_id === l.id).map((a) => ({ type: a.type, body: a.body, at: a.at })),
          };
        }),
      };
    });
  }

  /** Right to deletion (PIPL Art. 47): every lead of the phone anonymised; stage, industry, area, tax kept. */
  async eraseSubject(admin: AuthUser, phone: unknown, verification: string): Promise<ErasureResult> {
    const s = this.subject(phone);
    return this.ds.transaction(async (m) => {
      const leads = await this.leadsOf(m, s.hash);
      const ids = await this.anonymise(m, leads);
      await this.audit.record(m, {
        actorId: admin.id,
        action: 'privacy.erase',
        entity: 'data_subject',
        entityId: null,
        details: { phoneMasked: maskPhone(s.e164), leadIds: ids, verification },
      });
      return { leadsAnonymised: ids.length, leadIds: ids };
    });
  }

  /**
   * Consent withdrawal (PIPL Art. 15): every consent of the phone is marked withdrawn and every
   * notification about its leads not yet sent is cancelled; nothing about them is sent any more.
   */
  async withdrawConsent(actor: AuthUser, phone: unknown, note?: string): Promise<WithdrawalResult> {
    const s = this.subject(phone);
    return this.ds.transaction(async (m) => this.withdraw(m, actor.id, s, await this.leadsOf(m, s.hash), note ? { note } : {}));
  }

  /**
   * The investor withdraws consent themselves (PIPL Art. 15: as easy as giving it), proving who they
   * are the way the public status check does: the request reference together with the phone. Limited
   * per IP like intake; a wrong pair is a 404 that does not say which half was wrong.
   */
  async withdrawConsentByInvestor(reference: string, phone: string, ip: string | null): Promise<WithdrawalResult> {
    if (ip) {
      const r = await this.rateLimits.consume(`privacy-withdraw:ip:${ip}`, this.config.intakeLimitPerIpPerMinute, 60);
      if (!r.allowed) throw DomainError.rateLimited(r.retryAfterSeconds);
    }
    const n = normalizePhone(phone);
    return this.ds.transaction(async (m) => {
      const lead = n ? await m.findOneBy(Lead, { reference: reference.trim().toUpperCase() }) : null;
      if (!n || !lead || lead.phoneHash !== this.cipher.hash(n.e164)) {
        throw new DomainError('not_found', 'NOT_FOUND', '该编号与手机号对应的需求不存在', 'No request has this reference and phone', [
          { field: 'reference', code: 'NOT_FOUND', message_zh: '编号与手机号不匹配', message_en: 'reference and phone do not match' },
          { field: 'phone', code: 'NOT_FOUND', message_zh: '编号与手机号不匹配', message_en: 'reference and phone do not match' },
        ]);
      }
      const s = { e164: n.e164, hash: lead.phoneHash };
      return this.withdraw(m, null, s, await this.leadsOf(m, s.hash), { by: 'investor', reference: lead.reference });
    });
  }

  private async withdraw(
    m: EntityManager,
    actorId: string | null,
    s: { e164: string; hash: string },
    leads: Lead[],
    extra: Record<string, unknown>,
  ): Promise<WithdrawalResult> {
    const ids = leads.map((l) => l.id);
    const now = new Date();
    const consents = await m
      .createQueryBuilder()
      .update(ConsentRecord)
      .set({ withdrawnAt: now })
      .where('lead_id IN (:...ids) AND withdrawn_at IS NULL', { ids })
      .execute();
    const cancelled = await this.cancelNotifications(m, ids, 'consent withdrawn (PIPL Art. 15)');
    for (const id of ids) {
      await m.save(
        LeadEvent,
        m.create(LeadEvent, { leadId: id, type: 'note', actorId, data: { consentWithdrawn: true, at: now.toISOString() } }),
      );
    }
    await this.audit.record(m, {
      actorId,
      action: 'privacy.consent_withdrawn',
      entity: 'data_subject',
      entityId: null,
      details: { phoneMasked: maskPhone(s.e164), leadIds: ids, notificationsCancelled: cancelled, ...extra },
    });
    return { consentsWithdrawn: consents.affected ?? 0, notificationsCancelled: cancelled, leadIds: ids };
  }

  /** Whether every consent of a lead has been withdrawn (for senders that want to check before sending). */
  async consentWithdrawn(leadId: string): Promise<boolean> {
    const rows: { open: number; total: number }[] = await this.ds.query(
      'SELECT count(*) FILTER (WHERE withdrawn_at IS NULL)::int AS open, count(*)::int AS total FROM consent_record WHERE lead_id = $1',
      [leadId],
    );
    return rows[0].total > 0 && rows[0].open === 0;
  }

  /** Anonymises closed leads older than RETENTION_DAYS (PIPL Art. 19, 47); returns how many. */
  async runRetention(now = new Date()): Promise<number> {
    const cutoff = new Date(now.getTime() - this.config.retentionDays * 86_400_000);
    let total = 0;
    for (;;) {
      const n = await this.ds.transaction(async (m) => {
        const leads = await m
          .createQueryBuilder(Lead, 'l')
          .where('l.stage IN (:...closed)', { closed: [...CLOSED_STAGES] })
          .andWhere("l.phone_hash <> ''")
          .andWhere('GREATEST(l.created_at, COALESCE(l.last_activity_at, l.created_at), COALESCE(l.signed_at, l.created_at)) < :cutoff', {
            cutoff,
          })
          .orderBy('l.created_at', 'ASC')
          .take(200)
          .setLock('pessimistic_write')
          .setOnLocked('skip_locked')
          .getMany();
        if (leads.length === 0) return 0;
        const ids = await this.anonymise(m, leads);
        await this.audit.record(m, {
          actorId: null,
          action: 'privacy.retention',
          entity: 'lead',
          entityId: null,
          details: { leadIds: ids, retentionDays: this.config.retentionDays, cutoff: cutoff.toISOString() },
        });
        return ids.length;
      });
      total += n;
      if (n < 200) return total;
    }
  }

  /** Replaces the personal fields of leads (and of their events, consents, activities, notifications). */
  private async anonymise(m: EntityManager, leads: Lead[]): Promise<string[]> {
    const ids = leads.map((l) => l.id);
    await m
      .createQueryBuilder()
      .update(Lead)
      .set({
        company: ERASED,
        contactName: ERASED,
        phoneEnc: '',
        phoneHash: '',
        phoneMasked: '',
        phoneLast4: '',
        email: null,
        wechat: null,
        message: null,
        need: ERASED,
        usage: '',
        taxText: '',
        lostNote: null,
      })
      .where('id IN (:...ids)', { ids })
      .execute();
    await m.createQueryBuilder().update(ConsentRecord).set({ ip: null, userAgent: null }).where('lead_id IN (:...ids)', { ids }).execute();
    // Inquiry and merge events carry what the investor wrote; keep only their type and time.
    await m.query(
      `UPDATE lead_event SET data = jsonb_build_object('erased', true) WHERE lead_id = ANY($1::uuid[]) AND type IN ('inquiry', 'merge', 'note')`,
      [ids],
    );
    if (await tableExists(m, 'lead_activity')) {
      await m.query(`UPDATE lead_activity SET body = $2 WHERE lead_id = ANY($1::uuid[])`, [ids, ERASED]);
    }
    await this.cancelNotifications(m, ids, 'personal data erased');
    if (await tableExists(m, 'notification')) {
      await m.query(
        `UPDATE notification SET payload = jsonb_build_object('kind', payload->>'kind', 'erased', true) WHERE lead_id = ANY($1::uuid[])`,
        [ids],
      );
    }
    return ids;
  }

  /** Notifications about these leads that are still to be sent: marked dead with the reason. */
  private async cancelNotifications(m: EntityManager, leadIds: string[], reason: string): Promise<number> {
    if (!(await tableExists(m, 'notification'))) return 0;
    const rows: unknown[] = await m.query(
      `UPDATE notification SET status = 'dead', last_error = $2, updated_at = now()
       WHERE lead_id = ANY($1::uuid[]) AND status IN ('pending', 'failed') RETURNING id`,
      [leadIds, reason],
    );
    // node-postgres returns [rows, count] for UPDATE … RETURNING through TypeORM.
    const list = Array.isArray(rows[0]) ? (rows[0] as unknown[]) : rows;
    return list.length;
  }
}
