import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { In, type DataSource, type EntityManager } from 'typeorm';
import { parkKey } from './extraction/parks.js';
import { Park } from './park.entity.js';
import { ParkIndustry } from './park-industry.entity.js';

/** Reads and writes of parks and their industries. Other libs use the find methods. */
@Injectable()
export class ParksRepository {
  constructor(@InjectDataSource() private readonly ds: DataSource) {}

  private m(manager?: EntityManager): EntityManager {
    return manager ?? this.ds.manager;
  }

  findById(id: string, manager?: EntityManager): Promise<Park | null> {
    return this.m(manager).findOne(Park, { where: { id }, relations: { industries: true } });
  }

  findByIds(ids: string[], manager?: EntityManager): Promise<Park[]> {
    if (ids.length === 0) return Promise.resolve([]);
    return this.m(manager).find(Park, { where: { id: In(ids) }, relations: { industries: true }, order: { name: 'ASC' } });
  }

  /** A park by its name, one of its aliases or any spelling with the same key (金华开发区 → 金华经济技术开发区). */
  async findByName(name: string, manager?: EntityManager): Promise<Park | null> {
    const n = name.trim();
    const rows = await this.m(manager)
      .createQueryBuilder(Park, 'p')
      .leftJoinAndSelect('p.industries', 'i')
      .where('p.name = :n OR p.name_key = :k OR :n = ANY(p.aliases)', { n, k: parkKey(n) })
      .getMany();
    if (rows[0]) return rows[0];
    // 莫干山高新区 names 湖州莫干山高新区 when exactly one park's key ends with it.
    const key = parkKey(n);
    if (key.length < 5) return null;
    const suffixed = await this.m(manager)
      .createQueryBuilder(Park, 'p')
      .leftJoinAndSelect('p.industries', 'i')
      .where(`p.name_key LIKE '%' || :k`, { k: key })
      .getMany();
    return suffixed.length === 1 ? suffixed[0] : null;
  }

  list(manager?: EntityManager): Promise<Park[]> {
    return this.m(manager).find(Park, { relations: { industries: true }, order: { name: 'ASC', industries: { name: 'ASC' } } });
  }

  /** Parks focused on an industry code (GB/T 4754, e.g. C36). */
  async findByIndustryCode(code: string, manager?: EntityManager): Promise<Park[]> {
    const ids = await this.m(manager).find(ParkIndustry, { where: { code }, select: { parkId: true } });
    return this.findByIds([...new Set(ids.map((r) => r.parkId))], manager);
  }

  save(park: Park, manager?: EntityManager): Promise<Park> {
    return this.m(manager).save(Park, park);
  }

  create(fields: Partial<Park>, manager?: EntityManager): Promise<Park> {
    const m = this.m(manager);
    return m.save(Park, m.create(Park, fields));
  }

  /** Adds an industry to a park unless it is there (by name), and refreshes the park's focus arrays. */
  async addIndustry(manager: EntityManager, parkId: string, name: string, code: string): Promise<void> {
    await manager.createQueryBuilder().insert().into(ParkIndustry).values({ parkId, name, code }).orIgnore().execute();
    await manager.query(
      `UPDATE park SET focus_industries = s.names, focus_industry_codes = s.codes
         FROM (SELECT array_agg(name ORDER BY created_at, name) AS names, array_agg(DISTINCT code) AS codes
                 FROM park_industry WHERE park_id = $1) s
        WHERE park.id = $1`,
      [parkId],
    );
  }
}
