import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { In, IsNull, MoreThan, type DataSource, type EntityManager } from 'typeorm';
import { preparedQuery } from '@app/database';
import { Listing, type ListingDeal, type ListingKind, type ListingStatus } from './listing.entity.js';
import { ListingHold } from './listing-hold.entity.js';

export interface ListingQuery {
  kind?: ListingKind;
  deal?: ListingDeal;
  status?: ListingStatus;
  parkId?: string;
  limit: number;
  offset: number;
}

/** The fields matching reads for every candidate: the rules' facts and what the ruled-out list shows. */
export const MATCH_FIELDS = [
  'id',
  'externalCode',
  'title',
  'kind',
  'deal',
  'status',
  'parkId',
  'region',
  'areaSqm',
  'areaMu',
  'clearHeightM',
  'floorLoadTPerSqm',
  'craneTons',
  'powerKva',
  'envApproved',
  'rentYuanPerSqmMonth',
  'salePriceYuanPerSqm',
  'landPriceWanPerMu',
  'minTaxPerMuWan',
  'minInvestIntensityWanPerMu',
  'allowedIndustries',
] as const satisfies readonly (keyof Listing)[];
export type MatchListing = Pick<Listing, (typeof MATCH_FIELDS)[number]>;

/** An active hold as matching shows it. */
export interface ActiveHold {
  listingId: string;
  leadId: string;
  until: Date;
  heldByName: string | null;
}

/** Reads and writes of listings and their holds. */
@Injectable()
export class ListingsRepository {
  constructor(@InjectDataSource() private readonly ds: DataSource) {}

  private m(manager?: EntityManager): EntityManager {
    return manager ?? this.ds.manager;
  }

  transaction<T>(fn: (manager: EntityManager) => Promise<T>): Promise<T> {
    return this.ds.transaction(fn);
  }

  findById(id: string, manager?: EntityManager): Promise<Listing | null> {
    return this.m(manager).findOneBy(Listing, { id });
  }

  findByNaturalKeys(keys: string[], manager?: EntityManager): Promise<Listing[]> {
    if (keys.length === 0) return Promise.resolve([]);
    return this.m(manager).findBy(Listing, { naturalKey: In(keys) });
  }

  async list(q: ListingQuery): Promise<{ items: Listing[]; total: number }> {
    // TypeORM 1.x refuses undefined in `where`: only the filters given.
    const where = Object.fromEntries(
      Object.entries({ kind: q.kind, deal: q.deal, status: q.status, parkId: q.parkId }).filter(([, v]) => v !== undefined),
    );
    const [items, total] = await this.ds.manager.findAndCount(Listing, {
      where,
      order: { createdAt: 'DESC', id: 'ASC' },
      take: q.limit,
      skip: q.offset,
    });
    return { items, total };
  }

  /** Every listing, for export, in a stable order. */
  all(): Promise<Listing[]> {
    return this.ds.manager.find(Listing, { order: { createdAt: 'ASC', id: 'ASC' } });
  }

  save(listing: Listing, manager?: EntityManager): Promise<Listing> {
    return this.m(manager).save(Listing, listing);
  }

  create(fields: Partial<Listing>, manager?: EntityManager): Promise<Listing> {
    const m = this.m(manager);
    return m.save(Listing, m.create(Listing, fields));
  }

  async delete(id: string): Promise<boolean> {
    const res = await this.ds.manager.delete(Listing, { id });
    return (res.affected ?? 0) > 0;
  }

  /** Select list and row mapper of `MATCH_FIELDS`, built once from the entity's metadata (the values TypeORM's hydration gives). */
  private factsMapper?: { sql: string; from: (row: Record<string, unknown>) => MatchListing };
  private facts(): { sql: string; from: (row: Record<string, unknown>) => MatchListing } {
    if (this.factsMapper) return this.factsMapper;
    const cols = this.ds
      .getMetadata(Listing)
      .columns.filter((c) => (MATCH_FIELDS as readonly string[]).includes(c.propertyName))
      .map((c) => ({
        db: c.databaseName,
        prop: c.propertyName,
        from: c.transformer && !Array.isArray(c.transformer) ? (c.transformer as { from: (v: unknown) => unknown }).from : null,
      }));
    this.factsMapper = {
      sql: cols.map((c) => `l."${c.db}"`).join(', '),
      from: (row) => {
        const o: Record<string, unknown> = {};
        for (const c of cols) o[c.prop] = c.from ? c.from(row[c.db]) : row[c.db];
        return o as unknown as MatchListing;
      },
    };
    return this.factsMapper;
  }

  /**
   * What matching reads about listings before ranking, in one statement (one round trip), only the
   * fields the rules and the ruled-out list use (`MATCH_FIELDS`, not the whole row):
   *
   * - `candidates`: available listings of these kinds and deals, nearest to the wanted area inside
   *   [areaMin, areaMax] — two range scans on the (kind, deal, status, area_sqm) index, up to `perSide`
   *   above and below the centre (above first, ascending; then below, descending) — so the cost does not
   *   grow with the table. Without an area window: the first `perSide * 2` by area. A listing without an
   *   area cannot be sized and is not a candidate when the need states an area.
   * - `nearby`: up to `nearby.perSide` listings of any kind, deal or status on each side of
   *   `nearby.centre` (two range scans on `listing_area_sqm_idx`), for explaining what was ruled out.
   * - with `withPark` (the knowledge base's `park` table exists; the caller knows), each candidate's park row as JSON.
   */
  async matchReads(q: {
    kinds: ListingKind[];
    deals: ListingDeal[];
    areaMin: number | null;
    areaMax: number | null;
    perSide: number;
    nearby: { centre: number; perSide: number } | null;
    withPark: boolean;
  }): Promise<{ candidates: MatchListing[]; nearby: MatchListing[]; parks: Map<string, Record<string, unknown>> }> {
    const { sql: cols, from } = this.facts();
    const params: unknown[] = [];
    const p = (v: unknown): string => {
      params.push(v);
      return `$${params.length}`;
    };
    // IN lists, not = ANY(array): a one-value list is an equality, so the index scan returns rows in area order.
    const base = `l.kind IN (${q.kinds.map((k) => p(k)).join(', ')}) AND l.deal IN (${q.deals.map((d) => p(d)).join(', ')}) AND l.status = 'available'`;
    // Each part keeps its own order (ord); the outer ORDER BY part, ord returns them part after part.
    const part = (n: number, where: string, dir: 'ASC' | 'DESC', limit: number): string =>
      `(SELECT ${n} AS part, row_number() OVER (ORDER BY l.area_sqm ${dir}) AS ord, ${cols} FROM listing l WHERE ${where} ORDER BY l.area_sqm ${dir} LIMIT ${p(limit)})`;
    const parts: string[] = [];
    if (q.areaMin === null && q.areaMax === null) parts.push(part(1, base, 'ASC', q.perSide * 2));
    else {
      const lo = q.areaMin ?? 0;
      const hi = q.areaMax ?? Number.MAX_SAFE_INTEGER;
      const centre = q.areaMin !== null && q.areaMax !== null ? (q.areaMin + q.areaMax) / 2 : q.areaMin !== null ? q.areaMin : q.areaMax!;
      const c = p(centre);
      parts.push(part(1, `${base} AND l.area_sqm >= ${c} AND l.area_sqm <= ${p(hi)}`, 'ASC', q.perSide));
      parts.push(part(2, `${base} AND l.area_sqm < ${c} AND l.area_sqm >= ${p(lo)}`, 'DESC', q.perSide));
    }
    if (q.nearby) {
      const c = p(q.nearby.centre);
      parts.push(part(3, `l.area_sqm >= ${c}`, 'ASC', q.nearby.perSide));
      parts.push(part(4, `l.area_sqm < ${c}`, 'DESC', q.nearby.perSide));
    }
    // A park's row once (on its first candidate), not on every candidate of that park.
    const sql = q.withPark
      ? `SELECT c.*, CASE WHEN c.part <= 2 AND c.park_id IS NOT NULL
                          AND row_number() OVER (PARTITION BY c.park_id, c.part <= 2 ORDER BY c.part, c.ord) = 1
                     THEN (SELECT to_jsonb(pk) FROM park pk WHERE pk.id = c.park_id) END AS "__park"
         FROM (${parts.join(' UNION ALL ')}) c ORDER BY c.part, c.ord`
      : `SELECT c.* FROM (${parts.join(' UNION ALL ')}) c ORDER BY c.part, c.ord`;
    const rows = await preparedQuery(this.ds, sql, params);
    const candidates: MatchListing[] = [];
    const nearby: MatchListing[] = [];
    const parks = new Map<string, Record<string, unknown>>();
    for (const row of rows) {
      const l = from(row);
      if (Number(row.part) <= 2) {
        candidates.push(l);
        const park = row.__park as Record<string, unknown> | null | undefined;
        if (park && l.parkId) parks.set(l.parkId, park);
      } else nearby.push(l);
    }
    return { candidates, nearby, parks };
  }

  /**
   * SQL of one JSON value: the listings whose ids are in `idsParam` (a uuid[] parameter) in full, each
   * with its active (not expired at `nowParam`, not released) holds, oldest first, and the holder's
   * name — for a caller that reads them in the same statement as other things (matching: with the
   * policies). Read it back with `shownFromJson`.
   */
  shownJsonSql(idsParam: string, nowParam: string): string {
    return `(SELECT json_agg(json_build_object('listing', to_jsonb(l), 'holds',
               (SELECT json_agg(json_build_object('leadId', h.lead_id, 'until', h.until, 'heldByName', u.name) ORDER BY h.created_at)
                  FROM listing_hold h LEFT JOIN app_user u ON u.id = h.held_by_id
                 WHERE h.listing_id = l.id AND h.until > ${nowParam} AND h.released_at IS NULL)))
              FROM listing l WHERE l.id = ANY(${idsParam}::uuid[]))`;
  }

  /** The value of `shownJsonSql` as entities (the same values TypeORM would hydrate) with their holds. */
  shownFromJson(value: unknown): { listing: Listing; holds: ActiveHold[] }[] {
    const from = this.jsonMapper();
    return (
      (value as
        { listing: Record<string, unknown>; holds: { leadId: string; until: string; heldByName: string | null }[] | null }[] | null) ?? []
    ).map((x) => {
      const listing = from(x.listing);
      const holds = (x.holds ?? []).map((h) => ({
        listingId: listing.id,
        leadId: h.leadId,
        until: new Date(h.until),
        heldByName: h.heldByName,
      }));
      return { listing, holds };
    });
  }

  /** A listing from its `to_jsonb` row: timestamps from their ISO text, numerics through the column transformer. */
  private fromJsonRow?: (o: Record<string, unknown>) => Listing;
  private jsonMapper(): (o: Record<string, unknown>) => Listing {
    if (this.fromJsonRow) return this.fromJsonRow;
    const cols = this.ds.getMetadata(Listing).columns.map((c) => {
      const t = c.transformer && !Array.isArray(c.transformer) ? (c.transformer as { from: (v: unknown) => unknown }).from : null;
      const isTime =
        c.type === 'timestamptz' || c.type === 'timestamp' || c.type === 'timestamp with time zone' || c.isCreateDate || c.isUpdateDate;
      return {
        db: c.databaseName,
        prop: c.propertyName,
        from: isTime ? (v: unknown) => (v === null || v === undefined ? v : new Date(v as string)) : t,
      };
    });
    this.fromJsonRow = (o) => {
      const l = new Listing();
      const r = l as unknown as Record<string, unknown>;
      for (const c of cols) r[c.prop] = c.from ? c.from(o[c.db]) : o[c.db];
      return l;
    };
    return this.fromJsonRow;
  }

  /** Active (not expired, not released) holds of these listings. */
  activeHolds(listingIds: string[], now = new Date()): Promise<ListingHold[]> {
    if (listingIds.length === 0) return Promise.resolve([]);
    return this.ds.manager.find(ListingHold, {
      where: { listingId: In(listingIds), until: MoreThan(now), releasedAt: IsNull() },
      relations: { heldBy: true },
      order: { createdAt: 'ASC' },
    });
  }

  /** Serialises holds on one listing for the rest of the transaction. */
  async lockListing(manager: EntityManager, listingId: string): Promise<void> {
    await manager.query(`SELECT pg_advisory_xact_lock(hashtextextended('listing-hold:' || $1, 0))`, [listingId]);
  }

  createHold(manager: EntityManager, fields: Partial<ListingHold>): Promise<ListingHold> {
    return manager.save(ListingHold, manager.create(ListingHold, fields));
  }
}
