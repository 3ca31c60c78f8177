import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { In, Not, type DataSource, type EntityManager, type FindOptionsWhere } from 'typeorm';
import type { PolicyKind, PolicyStatus } from './extraction/policy-kinds.js';
import { Policy } from './policy.entity.js';

export interface PolicyFilter {
  parkId?: string;
  kind?: PolicyKind;
  status?: PolicyStatus;
  articleId?: string;
}

/** Reads and writes of policies. Matching uses {@link PoliciesRepository.findReviewedForParks}. */
@Injectable()
export class PoliciesRepository {
  constructor(@InjectDataSource() private readonly ds: DataSource) {}

  private m(manager?: EntityManager): EntityManager {
    return manager ?? this.ds.manager;
  }

  findById(id: string, manager?: EntityManager): Promise<Policy | null> {
    return this.m(manager).findOneBy(Policy, { id });
  }

  list(filter: PolicyFilter, manager?: EntityManager): Promise<Policy[]> {
    const where: FindOptionsWhere<Policy> = {};
    if (filter.parkId) where.parkId = filter.parkId;
    if (filter.kind) where.kind = filter.kind;
    if (filter.status) where.status = filter.status;
    if (filter.articleId) where.articleId = filter.articleId;
    return this.m(manager).find(Policy, { where, order: { createdAt: 'ASC', position: 'ASC' }, take: 1000 });
  }

  /** Reviewed (manager-approved) policies of these parks: what matching may offer a lead. */
  findReviewedForParks(parkIds: string[], manager?: EntityManager): Promise<Policy[]> {
    if (parkIds.length === 0) return Promise.resolve([]);
    return this.m(manager).find(Policy, {
      where: { parkId: In(parkIds), status: 'reviewed' },
      order: { parkId: 'ASC', position: 'ASC' },
    });
  }

  /** Policies of a park a consultant should see (everything but rejected). */
  findVisibleForPark(parkId: string, manager?: EntityManager): Promise<Policy[]> {
    return this.m(manager).find(Policy, {
      where: { parkId, status: Not('rejected') },
      order: { createdAt: 'ASC', position: 'ASC' },
    });
  }

  findReviewedForArticle(articleId: string, manager?: EntityManager): Promise<Policy[]> {
    return this.m(manager).find(Policy, { where: { articleId, status: 'reviewed' }, order: { position: 'ASC' } });
  }

  findForArticle(articleId: string, manager?: EntityManager): Promise<Policy[]> {
    return this.m(manager).find(Policy, { where: { articleId }, order: { position: 'ASC' } });
  }

  /** Drops an article's not-yet-reviewed policies before re-extraction (reviewed/rejected ones stay). */
  async deleteExtractedForArticle(manager: EntityManager, articleId: string): Promise<void> {
    await manager.delete(Policy, { articleId, status: 'extracted' });
  }

  save(policy: Policy, manager?: EntityManager): Promise<Policy> {
    return this.m(manager).save(Policy, policy);
  }

  insertMany(manager: EntityManager, rows: Partial<Policy>[]): Promise<Policy[]> {
    return manager.save(
      Policy,
      rows.map((r) => manager.create(Policy, r)),
    );
  }
}
