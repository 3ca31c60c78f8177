import { createHash } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { DomainError, type FieldError } from '@app/errors';
import { ArticlesRepository } from './articles.repository.js';
import { Article } from './article.entity.js';
import { validateConditionRule, type ConditionRule } from './extraction/conditions.js';
import { extractArticle, type ArticleExtraction } from './extraction/extract-article.js';
import { looksLikeHtml } from './extraction/html-to-text.js';
import { industryByName } from './extraction/industries.js';
import { parkKey } from './extraction/parks.js';
import { POLICY_KINDS, POLICY_STATUSES, type PolicyKind, type PolicyStatus } from './extraction/policy-kinds.js';
import { Park, type ParkLevel } from './park.entity.js';
import { ParksRepository } from './parks.repository.js';
import { PoliciesRepository, type PolicyFilter } from './policies.repository.js';
import { Policy } from './policy.entity.js';
import type { Statistic } from './statistic.entity.js';

export interface ArticleInput {
  title: string;
  /** Plain text or HTML. */
  body: string;
  sourceUrl?: string | null;
  publishedAt?: Date | null;
  demo?: boolean;
}

export interface IngestResult {
  article: Article;
  /** false when an existing article (same URL or same text) was updated. */
  created: boolean;
  parks: Park[];
  industries: { name: string; code: string; parkId: string | null }[];
  policies: Policy[];
  statistics: Statistic[];
}

export interface ParkInput {
  name: string;
  aliases?: string[];
  level?: ParkLevel | null;
  region?: string | null;
  address?: string | null;
  minTaxPerMuWan?: number | null;
  minInvestIntensityWanPerMu?: number | null;
  /** Industry names from the vocabulary (高端装备制造, 数字经济 …) or `{name, code}`. */
  industries?: (string | { name: string; code: string })[];
  demo?: boolean;
}

export interface PolicyChanges {
  kind?: PolicyKind;
  title?: string;
  parkId?: string | null;
  amountWan?: number | null;
  percent?: number | null;
  baseFact?: string | null;
  multiplier?: number | null;
  months?: number[];
  freeMonths?: number | null;
  capWan?: number | null;
  durationYears?: number | null;
  conditions?: ConditionRule | null;
  legacyRisk?: boolean;
  status?: PolicyStatus;
}

/** Whitespace-normalised text hash: the same article pasted twice has one hash. */
export function contentHashOf(text: string): string {
  return createHash('sha256').update(text.replace(/\s+/g, '')).digest('hex');
}

/**
 * The knowledge base: ingests articles (extraction → parks, industries, policies, statistics),
 * keeps parks, and lets managers review extracted policies.
 */
@Injectable()
export class KnowledgeService {
  constructor(
    private readonly articles: ArticlesRepository,
    private readonly parks: ParksRepository,
    private readonly policies: PoliciesRepository,
  ) {}

  /**
   * Ingests one article in one transaction. Re-ingesting the same source URL or the same text updates
   * that article: its unreviewed policies and its statistics are replaced; reviewed and rejected
   * policies stay (a re-extracted clause with the same kind and quote is not added again).
   */
  async ingestArticle(input: ArticleInput): Promise<IngestResult> {
    const title = input.title.trim();
    if (!title) throw DomainError.field('title', 'IS_NOT_EMPTY', '标题不能为空', 'title must not be empty');
    const extraction = extractArticle({ title, body: input.body });
    if (!extraction.text) {
      throw DomainError.field('body', 'EMPTY_TEXT', '正文去除网页标签后为空', 'body has no text once HTML is stripped');
    }
    const sourceUrl = input.sourceUrl?.trim() || null;
    const contentHash = contentHashOf(extraction.text);
    const isHtml = looksLikeHtml(input.body);

    return this.articles.transaction(async (m) => {
      await this.articles.lockIngestion(m);
      const existing = await this.articles.findForReingest(m, sourceUrl, contentHash);
      const article = existing ?? m.create(Article, { demo: input.demo ?? false });
      article.title = title;
      article.body = extraction.text;
      article.html = isHtml ? input.body : null;
      article.sourceUrl = sourceUrl ?? existing?.sourceUrl ?? null;
      article.contentHash = contentHash;
      article.publishedAt = input.publishedAt ?? existing?.publishedAt ?? null;

      const parksByKey = await this.resolveParks(m, extraction, article.demo);
      article.parks = [...parksByKey.values()];
      const saved = await this.articles.save(article, m);

      for (const t of extraction.thresholds) {
        const park = parksByKey.get(t.parkKey);
        if (!park) continue;
        park.minInvestIntensityWanPerMu ??= t.minInvestIntensityWanPerMu;
        park.minTaxPerMuWan ??= t.minTaxPerMuWan;
        await this.parks.save(park, m);
      }
      const industries: IngestResult['industries'] = [];
      for (const ind of extraction.industries) {
        const park = ind.parkKey ? parksByKey.get(ind.parkKey) : undefined;
        if (park) await this.parks.addIndustry(m, park.id, ind.name, ind.code);
        if (!industries.some((x) => x.name === ind.name && x.parkId === (park?.id ?? null))) {
          industries.push({ name: ind.name, code: ind.code, parkId: park?.id ?? null });
        }
      }

      await this.policies.deleteExtractedForArticle(m, saved.id);
      const kept = existing ? await this.policies.findForArticle(saved.id, m) : [];
      const fresh = extraction.policies
        .map((p, position) => ({ p, position }))
        .filter(({ p }) => !kept.some((k) => k.kind === p.kind && k.quote === p.quote));
      await this.policies.insertMany(
        m,
        fresh.map(({ p, position }) => ({
          parkId: p.parkKey ? (parksByKey.get(p.parkKey)?.id ?? null) : null,
          articleId: saved.id,
          kind: p.kind,
          title: p.title,
          quote: p.quote,
          amountWan: p.amountWan,
          percent: p.percent,
          baseFact: p.baseFact,
          multiplier: p.multiplier,
          months: p.months,
          freeMonths: p.freeMonths,
          capWan: p.capWan,
          durationYears: p.durationYears,
          conditions: p.conditions,
          legacyRisk: p.legacyRisk,
          status: 'extracted' as const,
          position,
          demo: saved.demo,
        })),
      );
      const statistics = await this.articles.replaceStatistics(
        m,
        saved.id,
        extraction.statistics.map((s, position) => ({
          label: s.label,
          value: s.value,
          unit: s.unit,
          quote: s.quote,
          parkId: s.parkKey ? (parksByKey.get(s.parkKey)?.id ?? null) : null,
          position,
        })),
      );
      return {
        article: saved,
        created: !existing,
        parks: await this.parks.findByIds(
          article.parks.map((p) => p.id),
          m,
        ),
        industries,
        policies: await this.policies.findForArticle(saved.id, m),
        statistics,
      };
    });
  }

  /** Finds or creates the parks an extraction names, adding newly seen spellings as aliases. */
  private async resolveParks(m: EntityManager, extraction: ArticleExtraction, demo: boolean): Promise<Map<string, Park>> {
    const out = new Map<string, Park>();
    for (const p of extraction.parks) {
      let park = await this.parks.findByName(p.name, m);
      for (const alias of p.aliases) park ??= await this.parks.findByName(alias, m);
      if (!park) {
        park = await this.parks.create({ name: p.name, nameKey: p.key, aliases: p.aliases, level: p.level, demo }, m);
      } else {
        const spellings = [p.name, ...p.aliases].filter((n) => n !== park!.name && !park!.aliases.includes(n));
        if (spellings.length || (!park.level && p.level)) {
          park.aliases = [...park.aliases, ...spellings];
          park.level ??= p.level;
          park = await this.parks.save(park, m);
        }
      }
      out.set(p.key, park);
    }
    return out;
  }

  listArticles(): Promise<Article[]> {
    return this.articles.list();
  }

  /** The public view of an article: its text, its parks and only its reviewed policies. */
  async getPublicArticle(id: string): Promise<{ article: Article; parks: Park[]; policies: Policy[] }> {
    const article = await this.articles.findById(id);
    if (!article) throw DomainError.notFound('Article', '文章');
    return { article, parks: article.parks ?? [], policies: await this.policies.findReviewedForArticle(id) };
  }

  /** An article with every extracted policy and statistic (staff view). */
  async getArticleDetail(id: string): Promise<{ article: Article; policies: Policy[]; statistics: Statistic[] }> {
    const article = await this.articles.findById(id);
    if (!article) throw DomainError.notFound('Article', '文章');
    return { article, policies: await this.policies.findForArticle(id), statistics: await this.articles.statisticsForArticle(id) };
  }

  listParks(): Promise<Park[]> {
    return this.parks.list();
  }

  async getPark(id: string): Promise<{ park: Park; policies: Policy[]; articles: Article[] }> {
    const park = await this.parks.findById(id);
    if (!park) throw DomainError.notFound('Park', '园区');
    return { park, policies: await this.policies.findVisibleForPark(id), articles: await this.articles.listForPark(id) };
  }

  async createPark(input: ParkInput): Promise<Park> {
    const name = input.name.trim();
    const key = parkKey(name);
    return this.articles.transaction(async (m) => {
      await this.articles.lockIngestion(m);
      if (await this.parks.findByName(name, m)) {
        throw DomainError.conflict('PARK_EXISTS', `园区"${name}"已存在`, `A park named ${name} already exists`, [
          {
            field: 'name',
            code: 'PARK_EXISTS',
            message_zh: '同名（或同一园区的别名）已存在',
            message_en: 'a park with this name or alias exists',
          },
        ]);
      }
      const park = await this.parks.create(
        {
          name,
          nameKey: key,
          aliases: (input.aliases ?? []).map((a) => a.trim()).filter(Boolean),
          level: input.level ?? null,
          region: input.region ?? null,
          address: input.address ?? null,
          minTaxPerMuWan: input.minTaxPerMuWan ?? null,
          minInvestIntensityWanPerMu: input.minInvestIntensityWanPerMu ?? null,
          demo: input.demo ?? false,
        },
        m,
      );
      await this.addIndustries(m, park.id, input.industries ?? []);
      return (await this.parks.findById(park.id, m))!;
    });
  }

  async updatePark(id: string, input: Partial<ParkInput>): Promise<Park> {
    return this.articles.transaction(async (m) => {
      await this.articles.lockIngestion(m);
      const park = await this.parks.findById(id, m);
      if (!park) throw DomainError.notFound('Park', '园区');
      if (input.name !== undefined && input.name.trim() !== park.name) {
        const name = input.name.trim();
        const other = await this.parks.findByName(name, m);
        if (other && other.id !== park.id) {
          throw DomainError.conflict('PARK_EXISTS', `园区"${name}"已存在`, `A park named ${name} already exists`, [
            {
              field: 'name',
              code: 'PARK_EXISTS',
              message_zh: '同名（或同一园区的别名）已存在',
              message_en: 'a park with this name or alias exists',
            },
          ]);
        }
        if (!park.aliases.includes(park.name)) park.aliases = [...park.aliases, park.name];
        park.name = name;
        park.nameKey = parkKey(name);
        park.aliases = park.aliases.filter((a) => a !== name);
      }
      if (input.aliases !== undefined) park.aliases = input.aliases.map((a) => a.trim()).filter(Boolean);
      if (input.level !== undefined) park.level = input.level;
      if (input.region !== undefined) park.region = input.region;
      if (input.address !== undefined) park.address = input.address;
      if (input.minTaxPerMuWan !== undefined) park.minTaxPerMuWan = input.minTaxPerMuWan;
      if (input.minInvestIntensityWanPerMu !== undefined) park.minInvestIntensityWanPerMu = input.minInvestIntensityWanPerMu;
      delete park.industries;
      await this.parks.save(park, m);
      if (input.industries) await this.addIndustries(m, park.id, input.industries);
      return (await this.parks.findById(park.id, m))!;
    });
  }

  private async addIndustries(m: EntityManager, parkId: string, list: (string | { name: string; code: string })[]): Promise<void> {
    const errors: FieldError[] = [];
    const resolved = list.map((item, i) => {
      if (typeof item !== 'string') return item;
      const term = industryByName(item);
      if (!term) {
        errors.push({
          field: `industries[${i}]`,
          code: 'UNKNOWN_INDUSTRY',
          message_zh: `未知产业"${item}"，请同时给出行业代码 {name, code}`,
          message_en: `unknown industry "${item}"; give {name, code}`,
        });
      }
      return term ? { name: term.name, code: term.code } : null;
    });
    if (errors.length) throw DomainError.validation(errors);
    for (const r of resolved) if (r) await this.parks.addIndustry(m, parkId, r.name, r.code);
  }

  listPolicies(filter: PolicyFilter): Promise<Policy[]> {
    return this.policies.list(filter);
  }

  /** A manager corrects an extracted policy and/or marks it reviewed or rejected. */
  async updatePolicy(id: string, changes: PolicyChanges, actorId: string | null): Promise<Policy> {
    const policy = await this.policies.findById(id);
    if (!policy) throw DomainError.notFound('Policy', '政策');
    const errors: FieldError[] = [];
    if (changes.kind !== undefined && !POLICY_KINDS.includes(changes.kind)) {
      errors.push({
        field: 'kind',
        code: 'IS_IN',
        message_zh: `必须是以下之一：${POLICY_KINDS.join(', ')}`,
        message_en: `must be one of: ${POLICY_KINDS.join(', ')}`,
      });
    }
    if (changes.status !== undefined && !POLICY_STATUSES.includes(changes.status)) {
      errors.push({
        field: 'status',
        code: 'IS_IN',
        message_zh: `必须是以下之一：${POLICY_STATUSES.join(', ')}`,
        message_en: `must be one of: ${POLICY_STATUSES.join(', ')}`,
      });
    }
    if (changes.conditions !== undefined && changes.conditions !== null) {
      for (const e of validateConditionRule(changes.conditions))
        errors.push({ field: e.field, code: 'INVALID_RULE', message_zh: e.zh, message_en: e.en });
    }
    if (changes.months?.some((mo) => !Number.isInteger(mo) || mo < 1 || mo > 12)) {
      errors.push({
        field: 'months',
        code: 'INVALID_MONTH',
        message_zh: '月份必须是 1–12 的整数',
        message_en: 'months must be whole numbers 1–12',
      });
    }
    if (changes.parkId && !(await this.parks.findById(changes.parkId))) {
      errors.push({ field: 'parkId', code: 'NOT_FOUND', message_zh: '园区不存在', message_en: 'no park with this id' });
    }
    if (errors.length) throw DomainError.validation(errors);
    const { status, ...fields } = changes;
    for (const [k, v] of Object.entries(fields)) if (v !== undefined) (policy as unknown as Record<string, unknown>)[k] = v;
    if (status !== undefined && status !== policy.status) {
      policy.status = status;
      policy.reviewedById = status === 'extracted' ? null : actorId;
      policy.reviewedAt = status === 'extracted' ? null : new Date();
    }
    return this.policies.save(policy);
  }
}
