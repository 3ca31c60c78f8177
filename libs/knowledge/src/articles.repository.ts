import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource, EntityManager } from 'typeorm';
import { Article } from './article.entity.js';
import { Statistic } from './statistic.entity.js';

/** Reads and writes of articles and the statistics they report. */
@Injectable()
export class ArticlesRepository {
  constructor(@InjectDataSource() private readonly ds: DataSource) {}

  private m(manager?: EntityManager): EntityManager {
    return manager ?? this.ds.manager;
  }

  transaction<T>(fn: (manager: EntityManager) => Promise<T>): Promise<T> {
    return this.ds.transaction(fn);
  }

  /** Serialises ingestion for the rest of the transaction (dedupe by URL/text and park creation). */
  async lockIngestion(manager: EntityManager): Promise<void> {
    await manager.query(`SELECT pg_advisory_xact_lock(hashtextextended('knowledge-ingest', 0))`);
  }

  findById(id: string, manager?: EntityManager): Promise<Article | null> {
    return this.m(manager).findOne(Article, { where: { id }, relations: { parks: true } });
  }

  /** The article a re-ingest updates: same source URL first, else same text. */
  async findForReingest(manager: EntityManager, sourceUrl: string | null, contentHash: string): Promise<Article | null> {
    if (sourceUrl) {
      const byUrl = await manager.findOne(Article, { where: { sourceUrl }, relations: { parks: true } });
      if (byUrl) return byUrl;
    }
    return manager.findOne(Article, { where: { contentHash }, relations: { parks: true }, order: { createdAt: 'ASC' } });
  }

  list(manager?: EntityManager): Promise<Article[]> {
    return this.m(manager).find(Article, {
      relations: { parks: true },
      order: { publishedAt: { direction: 'DESC', nulls: 'LAST' }, createdAt: 'DESC' },
      take: 500,
    });
  }

  /** Articles that name a park. */
  listForPark(parkId: string, manager?: EntityManager): Promise<Article[]> {
    return this.m(manager)
      .createQueryBuilder(Article, 'a')
      .innerJoin('a.parks', 'p', 'p.id = :parkId', { parkId })
      .orderBy('a.published_at', 'DESC', 'NULLS LAST')
      .addOrderBy('a.created_at', 'DESC')
      .getMany();
  }

  save(article: Article, manager?: EntityManager): Promise<Article> {
    return this.m(manager).save(Article, article);
  }

  async replaceStatistics(manager: EntityManager, articleId: string, rows: Partial<Statistic>[]): Promise<Statistic[]> {
    await manager.delete(Statistic, { articleId });
    return manager.save(
      Statistic,
      rows.map((r) => manager.create(Statistic, { ...r, articleId })),
    );
  }

  statisticsForArticle(articleId: string, manager?: EntityManager): Promise<Statistic[]> {
    return this.m(manager).find(Statistic, { where: { articleId }, order: { position: 'ASC' } });
  }
}
