import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { In, IsNull, MoreThan, type DataSource, type EntityManager } from 'typeorm';
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
   * Candidates for matching: available listings of these kinds and deals, nearest to the wanted area
   * inside [areaMin, areaMax] — two range scans on the (kind, deal, status, area_sqm) index, up to
   * `perSide` above and below the centre — so the cost does not grow with the table. Without an area
   * window: the first `perSide * 2` by area. A listing without an area cannot be sized and is not a candidate
   * when the need states an area.
   */
  async candidates(
    kinds: ListingKind[],
    deals: ListingDeal[],
    areaMin: number | null,
    areaMax: number | null,
    perSide = 100,
  ): Promise<Listing[]> {
    const base = () =>
      this.ds.manager
        .createQueryBuilder(Listing, 'l')
        .where('l.kind IN (:...kinds)', { kinds })
        .andWhere('l.deal IN (:...deals)', { deals })
        .andWhere(`l.status = 'available'`);
    if (areaMin === null && areaMax === null)
      return base()
        .orderBy('l.area_sqm', 'ASC')
        .limit(perSide * 2)
        .getMany();
    const lo = areaMin ?? 0;
    const hi = areaMax ?? Number.MAX_SAFE_INTEGER;
    const centre = areaMin !== null && areaMax !== null ? (areaMin + areaMax) / 2 : areaMin !== null ? areaMin : areaMax!;
    const [above, below] = await Promise.all([
      base().andWhere('l.area_sqm >= :c AND l.area_sqm <= :hi', { c: centre, hi }).orderBy('l.area_sqm', 'ASC').limit(perSide).getMany(),
      base().andWhere('l.area_sqm < :c AND l.area_sqm >= :lo', { c: centre, lo }).orderBy('l.area_sqm', 'DESC').limit(perSide).getMany(),
    ]);
    return [...above, ...below];
  }

  /** Up to `n` listings on each side of an area (index range scans), for explaining what was ruled out. */
  async nearestByArea(centre: number, n: number): Promise<Listing[]> {
    const above = await this.ds.manager
      .createQueryBuilder(Listing, 'l')
      .where('l.area_sqm >= :c', { c: centre })
      .orderBy('l.area_sqm', 'ASC')
      .limit(n)
      .getMany();
    const below = await this.ds.manager
      .createQueryBuilder(Listing, 'l')
      .where('l.area_sqm < :c', { c: centre })
      .orderBy('l.area_sqm', 'DESC')
      .limit(n)
      .getMany();
    return [...above, ...below];
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
