import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import type { LeadStage } from '@app/leads';
import { PIPELINE_STAGES } from '@app/pipeline';
import type { LeadFact } from './report-math.js';

export interface ReportFilter {
  from: Date;
  to: Date;
  channel?: string;
  ownerId?: string;
  sourceArticleId?: string;
  parkId?: string;
  industryCode?: string;
}

/**
 * Which leads a report reads: `created` = created in [from, to) (funnel, conversion, response times);
 * `lost` = lost in [from, to); `any` = created, signed or lost in [from, to) (trend).
 */
export type FactWindow = 'created' | 'lost' | 'any';

interface FactRow {
  id: string;
  created_at: Date;
  channel: string;
  source_article_id: string | null;
  signed_park_id: string | null;
  owner_id: string | null;
  industry_code: string | null;
  stage: LeadStage;
  furthest: number;
  signed_at: Date | null;
  signed_investment_wan: string | null;
  signed_annual_tax_wan: string | null;
  lost_at: Date | null;
  lost_from: LeadStage | null;
  lost_reason: string | null;
  response_from: Date;
  first_response_at: Date | null;
  working_hours: unknown;
}

/** Minutes from `from` to `to` for a lead; `ownerHours` = the owner's working hours (consultant_profile), if any. */
export type MinutesBetween = (from: Date, to: Date, ownerHours: unknown) => number;

const num = (v: string | null) => (v === null ? null : Number(v));

@Injectable()
export class ReportsRepository {
  constructor(@InjectDataSource() private readonly ds: DataSource) {}

  /**
   * One row per (non-spam) lead in the window: the furthest stage it reached (stage history and the
   * current stage), its signing, when and from which stage it was lost, and its first response.
   */
  async facts(f: ReportFilter, window: FactWindow, minutesBetween: MinutesBetween): Promise<LeadFact[]> {
    const params: unknown[] = [[...PIPELINE_STAGES], f.from, f.to];
    const where: string[] = ['l.spam = false'];
    const add = (sql: string, v: unknown) => {
      params.push(v);
      where.push(sql.replace('?', `$${params.length}`));
    };
    if (window === 'created') where.push('l.created_at >= $2 AND l.created_at < $3');
    else if (window === 'lost') where.push(`l.stage = 'lost' AND lost.at >= $2 AND lost.at < $3`);
    else {
      where.push(
        `((l.created_at >= $2 AND l.created_at < $3) OR (l.signed_at >= $2 AND l.signed_at < $3) OR (lost.at >= $2 AND lost.at < $3))`,
      );
    }
    if (f.channel) add('l.channel = ?', f.channel);
    if (f.ownerId === 'pool') where.push('l.owner_id IS NULL');
    else if (f.ownerId) add('l.owner_id = ?::uuid', f.ownerId);
    if (f.sourceArticleId) add('l.source_article_id = ?::uuid', f.sourceArticleId);
    if (f.parkId) add('l.signed_park_id = ?::uuid', f.parkId);
    if (f.industryCode) add('l.industry_code = ?', f.industryCode);
    const rows: FactRow[] = await this.ds.query(
      `SELECT l.id, l.created_at, l.channel, l.source_article_id, l.signed_park_id, l.owner_id, l.industry_code, l.stage,
              GREATEST(array_position($1::text[], l.stage), hist.furthest, 1) - 1 AS furthest,
              l.signed_at, l.signed_investment_wan::text AS signed_investment_wan, l.signed_annual_tax_wan::text AS signed_annual_tax_wan,
              lost.at AS lost_at, lost.from_stage AS lost_from, l.lost_reason,
              COALESCE(l.assigned_at, l.created_at) AS response_from, l.first_response_at, p.working_hours
         FROM lead l
         LEFT JOIN consultant_profile p ON p.user_id = l.owner_id
         LEFT JOIN LATERAL (
           SELECT max(GREATEST(array_position($1::text[], sc.to_stage), array_position($1::text[], sc.from_stage))) AS furthest FROM lead_stage_change sc WHERE sc.lead_id = l.id
         ) hist ON true
         LEFT JOIN LATERAL (
           SELECT sc.at, sc.from_stage FROM lead_stage_change sc
            WHERE sc.lead_id = l.id AND sc.to_stage = 'lost' AND l.stage = 'lost'
            ORDER BY sc.at DESC, sc.id DESC LIMIT 1
         ) lost ON true
        WHERE ${where.join(' AND ')}`,
      params,
    );
    return rows.map((r) => ({
      id: r.id,
      createdAt: r.created_at,
      channel: r.channel,
      sourceArticleId: r.source_article_id,
      parkId: r.signed_park_id,
      ownerId: r.owner_id,
      industryCode: r.industry_code,
      stage: r.stage,
      furthestRank: Number(r.furthest),
      signedAt: r.signed_at,
      signedInvestmentWan: num(r.signed_investment_wan),
      signedAnnualTaxWan: num(r.signed_annual_tax_wan),
      lostAt: r.lost_at,
      lostFromStage: r.lost_from,
      lostReason: r.lost_reason,
      responseMinutes: r.first_response_at ? Math.max(0, minutesBetween(r.response_from, r.first_response_at, r.working_hours)) : null,
    }));
  }

  async userNames(ids: string[]): Promise<Map<string, string>> {
    if (!ids.length) return new Map();
    const rows: { id: string; name: string }[] = await this.ds.query(`SELECT id, name FROM app_user WHERE id = ANY($1::uuid[])`, [ids]);
    return new Map(rows.map((r) => [r.id, r.name]));
  }

  async industryNames(codes: string[]): Promise<Map<string, string>> {
    if (!codes.length) return new Map();
    const rows: { code: string; name: string }[] = await this.ds.query(
      `SELECT DISTINCT ON (industry_code) industry_code AS code, industry_name AS name
         FROM lead WHERE industry_code = ANY($1::text[]) AND industry_name IS NOT NULL ORDER BY industry_code, created_at DESC`,
      [codes],
    );
    return new Map(rows.map((r) => [r.code, r.name]));
  }
}
