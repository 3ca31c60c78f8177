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

  /**
   * Listings (and parks) matching has read, by id, with the row version they were read at (`xmin`,
   * which changes with every UPDATE): a later read that sees the same version reuses the entity
   * instead of transferring the row again. Bounded: cleared when it outgrows `CACHE_MAX`.
   */
  private readonly listingCache = new Map<string, { v: string; listing: Listing }>();
  private readonly parkCache = new Map<string, { v: string; row: Record<string, unknown> }>();
  static readonly CACHE_MAX = 20_000;

  /**
   * What matching reads about listings before ranking. One statement returns, for each listing, only
   * its id, row version and park (with the park's row version once per park):
   *
   * - `candidates`: available listings of these kinds and deals, nearest to the wanted area inside
   *   [areaMin, areaMax] — two range scans on the (kind, deal, status, area_sqm) index, up to `perSide`
   *   above and below the centre (above first, ascending; then below, descending) — so the cost does not
   *   grow with the table. Without an area window: the first `perSide * 2` by area. A listing without an
   *   area cannot be sized and is not a candidate when the need states an area.
   * - `nearby`: up to `nearby.perSide` listings of any kind, deal or status on each side of
   *   `nearby.centre` (two range scans on `listing_area_sqm_idx`), for explaining what was ruled out.
   * - with `withPark` (the knowledge base's `park` table exists; the caller knows), the candidates' park rows.
   *
   * The listings and parks whose version is not the one cached are then read in full in a second
   * statement (not at all when every version matches), so every answer reflects the rows as they are.
   */
  async matchReads(q: {
    kinds: ListingKind[];
    deals: ListingDeal[];
    areaMin: number | null;
    areaMax: number | null;
    perSide: number;
    nearby: { centre: number; perSide: number } | null;
    withPark: boolean;
  }): Promise<{ candidates: Listing[]; nearby: Listing[]; parks: Map<string, Record<string, unknown>> }> {
    const params: unknown[] = [];
    const p = (v: unknown): string => {
      params.push(v);
      return `$${params.length}`;
    };
    // IN lists, not = ANY(array): a one-value list is an equality, so the index scan returns rows in area order.
    const base = `l.kind IN (${q.kinds.map((k) => p(k)).join(', ')}) AND l.deal IN (${q.deals.map((d) => p(d)).join(', ')}) AND l.status = 'available'`;
    // Each part keeps its own order (ord); the outer ORDER BY part, ord returns them part after part.
    const part = (n: number, where: string, dir: 'ASC' | 'DESC', limit: number): string =>
      `(SELECT ${n} AS part, row_number() OVER (ORDER BY l.area_sqm ${dir}) AS ord, l.id, l.xmin::text AS v, l.park_id
          FROM listing l WHERE ${where} ORDER BY l.area_sqm ${dir} LIMIT ${p(limit)})`;
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
    // A park's version once (on its first candidate), not on every candidate of that park.
    const sql = q.withPark
      ? `SELECT c.part, c.id, c.v, c.park_id,
                CASE WHEN c.part <= 2 AND c.park_id IS NOT NULL
                          AND row_number() OVER (PARTITION BY c.park_id, c.part <= 2 ORDER BY c.part, c.ord) = 1
                     THEN (SELECT pk.xmin::text FROM park pk WHERE pk.id = c.park_id) END AS park_v
           FROM (${parts.join(' UNION ALL ')}) c ORDER BY c.part, c.ord`
      : `SELECT c.part, c.id, c.v, c.park_id, NULL AS park_v FROM (${parts.join(' UNION ALL ')}) c ORDER BY c.part, c.ord`;
    const rows = await preparedQuery<{ part: number; id: string; v: string; park_id: string | null; park_v: string | null }>(
      this.ds,
      sql,
      params,
    );

    const staleListings = new Set<string>();
    const staleParks = new Set<string>();
    const parkIds = new Set<string>();
    for (const r of rows) {
      if (this.listingCache.get(r.id)?.v !== r.v) staleListings.add(r.id);
      if (r.park_v !== null) {
        parkIds.add(r.park_id!);
        if (this.parkCache.get(r.park_id!)?.v !== r.park_v) staleParks.add(r.park_id!);
      }
    }
    if (staleListings.size > 0 || staleParks.size > 0) await this.readIntoCache([...staleListings], [...staleParks]);

    const candidates: Listing[] = [];
    const nearby: Listing[] = [];
    for (const r of rows) {
      const l = this.listingCache.get(r.id)?.listing;
      if (!l) continue; // deleted since the first statement
      (Number(r.part) <= 2 ? candidates : nearby).push(l);
    }
    const parks = new Map<string, Record<string, unknown>>();
    for (const id of parkIds) {
      const row = this.parkCache.get(id)?.row;
      if (row) parks.set(id, row);
    }
    return { candidates, nearby, parks };
  }

  /** Reads these listings and parks in full with their row versions (one statement) into the caches. */
  private async readIntoCache(listingIds: string[], parkIds: string[]): Promise<void> {
    const [row] = await preparedQuery<{
      listings: { v: string; row: Record<string, unknown> }[] | null;
      parks: { v: string; row: Record<string, unknown> }[] | null;
    }>(
      this.ds,
      `SELECT (SELECT json_agg(json_build_object('v', l.xmin::text, 'row', to_jsonb(l))) FROM listing l WHERE l.id = ANY($1::uuid[])) AS listings,
              ${parkIds.length > 0 ? `(SELECT json_agg(json_build_object('v', pk.xmin::text, 'row', to_jsonb(pk))) FROM park pk WHERE pk.id = ANY($2::uuid[]))` : 'NULL::json'} AS parks`,
      parkIds.length > 0 ? [listingIds, parkIds] : [listingIds],
    );
    if (this.listingCache.size + listingIds.length > ListingsRepository.CACHE_MAX) this.listingCache.clear();
    if (this.parkCache.size + parkIds.length > ListingsRepository.CACHE_MAX) this.parkCache.clear();
    const from = this.jsonMapper();
    for (const x of row?.listings ?? []) {
      const listing = from(x.row);
      this.listingCache.set(listing.id, { v: x.v, listing });
    }
    for (const x of row?.parks ?? []) this.parkCache.set(String(x.row.id), { v: x.v, row: x.row });
  }

  /**
   * SQL of one JSON value: the active (not expired at `nowParam`, not released) holds of the listings
   * whose ids are in `idsParam` (a uuid[] parameter), oldest first, with the holder's name — for a
   * caller that reads them in the same statement as other things (matching: with the policies). Read
   * it back with `holdsFromJson`.
   */
  activeHoldsJsonSql(idsParam: string, nowParam: string): string {
    return `(SELECT json_agg(json_build_object('listingId', h.listing_id, 'leadId', h.lead_id, 'until', h.until, 'heldByName', u.name) ORDER BY h.created_at)
               FROM listing_hold h LEFT JOIN app_user u ON u.id = h.held_by_id
              WHERE h.listing_id = ANY(${idsParam}::uuid[]) AND h.until > ${nowParam} AND h.released_at IS NULL)`;
  }

  holdsFromJson(value: unknown): ActiveHold[] {
    return ((value as { listingId: string; leadId: string; until: string; heldByName: string | null }[] | null) ?? []).map((h) => ({
      listingId: h.listingId,
      leadId: h.leadId,
      until: new Date(h.until),
      heldByName: h.heldByName,
    }));
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
