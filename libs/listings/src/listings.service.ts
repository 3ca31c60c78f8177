import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource, EntityManager } from 'typeorm';
import { DomainError } from '@app/errors';
import { LeadsRepository } from '@app/leads';
import type { AuthUser } from '@app/identity';
import { Listing } from './listing.entity.js';
import type { ListingHold } from './listing-hold.entity.js';
import { ListingsRepository, type ListingQuery } from './listings.repository.js';
import { naturalKeyOf, parseRent, type ListingFields } from './listing-fields.js';

/** 1 亩 = 666.67 ㎡ */
const MU_SQM = 10000 / 15;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export type ListingInput = ListingFields & { rentQuoted?: string | null };

/** Longest a hold may last. */
export const MAX_HOLD_DAYS = 30;

@Injectable()
export class ListingsService {
  constructor(
    private readonly repo: ListingsRepository,
    private readonly leads: LeadsRepository,
    @InjectDataSource() private readonly ds: DataSource,
  ) {}

  /** Fills derived fields: the month rent from a quoted rent, ㎡ from 亩 and back for land. */
  normalise(input: ListingInput): ListingFields {
    const out: ListingFields = { ...input };
    delete (out as ListingInput).rentQuoted;
    if (input.rentQuoted !== undefined) {
      if (input.rentQuoted === null || input.rentQuoted === '') {
        out.rentQuotedRaw = null;
      } else {
        const r = parseRent(input.rentQuoted);
        if (!r) {
          throw DomainError.field(
            'rentQuoted',
            'RENT_INVALID',
            `租金"${input.rentQuoted}"无法识别（如25元/㎡/月或0.8元/㎡/天）`,
            `rentQuoted "${input.rentQuoted}" is not a rent (e.g. 25元/㎡/月 or 0.8元/㎡/天)`,
          );
        }
        out.rentYuanPerSqmMonth = r.perMonth;
        out.rentQuotedRaw = r.raw;
      }
    }
    if ((out.areaSqm === undefined || out.areaSqm === null) && typeof out.areaMu === 'number')
      out.areaSqm = Number((out.areaMu * MU_SQM).toFixed(2));
    if (out.kind === 'land' && (out.areaMu === undefined || out.areaMu === null) && typeof out.areaSqm === 'number')
      out.areaMu = Number((out.areaSqm / MU_SQM).toFixed(2));
    if (out.allowedIndustries) out.allowedIndustries = out.allowedIndustries.map((c) => c.trim().toUpperCase()).filter(Boolean);
    return out;
  }

  async create(input: ListingInput, manager?: EntityManager): Promise<Listing> {
    const fields = this.normalise(input);
    const naturalKey = naturalKeyOf(fields);
    if ((await this.repo.findByNaturalKeys([naturalKey], manager)).length) {
      throw DomainError.conflict(
        'LISTING_EXISTS',
        '已有同名同地址（或同编号）的载体',
        'A listing with this title and address (or code) exists',
        [
          {
            field: fields.externalCode ? 'externalCode' : 'title',
            code: 'DUPLICATE',
            message_zh: '标题+地址或编号重复',
            message_en: 'title + address or code already used',
          },
        ],
      );
    }
    return this.repo.create({ ...fields, naturalKey }, manager);
  }

  async get(id: string): Promise<Listing> {
    const l = await this.repo.findById(id);
    if (!l) throw DomainError.notFound('Listing', '载体');
    return l;
  }

  list(q: ListingQuery): Promise<{ items: Listing[]; total: number }> {
    return this.repo.list(q);
  }

  async update(id: string, input: ListingInput): Promise<Listing> {
    const l = await this.get(id);
    Object.assign(l, this.normalise({ kind: l.kind, ...input }));
    l.naturalKey = naturalKeyOf(l);
    return this.repo.save(l);
  }

  async remove(id: string): Promise<void> {
    if (!(await this.repo.delete(id))) throw DomainError.notFound('Listing', '载体');
  }

  /** A park id from a uuid or a park name (the knowledge base's `park` table, when present). */
  async resolvePark(value: string): Promise<string | null> {
    if (UUID.test(value)) return value.toLowerCase();
    const exists: { t: string | null }[] = await this.ds.query(`SELECT to_regclass('public.park')::text AS t`);
    if (!exists[0]?.t) return null;
    const rows: { id: string }[] = await this.ds.query(`SELECT id FROM park WHERE name = $1 LIMIT 1`, [value.trim()]);
    return rows[0]?.id ?? null;
  }

  /**
   * 撞单 prevention: holds a listing for a lead until `until`. Another lead's active hold → 409
   * naming who holds it and until when; the same lead's hold is extended.
   */
  async hold(listingId: string, leadId: string, until: Date, user: AuthUser, now = new Date()): Promise<ListingHold> {
    if (!(until.getTime() > now.getTime())) {
      throw DomainError.field('until', 'HOLD_IN_PAST', 'until：保留截止时间必须晚于现在', 'until must be in the future');
    }
    if (until.getTime() - now.getTime() > MAX_HOLD_DAYS * 86400_000) {
      throw DomainError.field('until', 'HOLD_TOO_LONG', `until：保留最长${MAX_HOLD_DAYS}天`, `until must be within ${MAX_HOLD_DAYS} days`);
    }
    const listing = await this.get(listingId);
    if (listing.status !== 'available') {
      throw DomainError.conflict(
        'LISTING_NOT_AVAILABLE',
        `载体状态为${listing.status}，不能保留`,
        `The listing is ${listing.status} and cannot be held`,
        [{ field: 'listingId', code: 'NOT_AVAILABLE', message_zh: '载体不可租售', message_en: 'listing not available' }],
      );
    }
    if (!(await this.leads.findById(leadId))) {
      throw DomainError.field('leadId', 'LEAD_NOT_FOUND', 'leadId：线索不存在', 'leadId: no such lead');
    }
    return this.repo.transaction(async (m) => {
      await this.repo.lockListing(m, listingId);
      const active = (await this.repo.activeHolds([listingId], now)).filter((h) => h.releasedAt === null);
      const other = active.find((h) => h.leadId !== leadId);
      if (other) {
        const who = other.heldBy?.name ?? '其他顾问';
        throw DomainError.conflict(
          'LISTING_HELD',
          `该载体已由${who}为另一条线索保留至${other.until.toISOString()}`,
          `The listing is held for another lead by ${other.heldBy?.name ?? 'another consultant'} until ${other.until.toISOString()}`,
          [{ field: 'listingId', code: 'HELD', message_zh: '载体已被保留（撞单）', message_en: 'listing already held for another lead' }],
        );
      }
      const mine = active.find((h) => h.leadId === leadId);
      if (mine) {
        mine.until = until;
        mine.heldById = user.id;
        return m.save(mine);
      }
      return this.repo.createHold(m, { listingId, leadId, heldById: user.id, until });
    });
  }
}
