import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { In, type DataSource } from 'typeorm';
import { Article, Park } from '@app/knowledge';
import { PIPELINE_STAGES } from '@app/pipeline';
import type { WorkingHours } from '@app/routing';
import type { GroupBy, GroupCounts, Interval, LostCount, TrendRow } from './report-math.js';

export interface ReportFilter {
  from: Date;
  to: Date;
  channel?: string;
  ownerId?: string;
  sourceArticleId?: string;
  parkId?: string;
  industryCode?: string;
}

/** One answered lead: when its clock started, when it was answered, its owner's working hours. */
export interface ResponseRow {
  key: string | null;
  from: Date;
  to: Date;
  ownerHours: unknown;
}

const KEY_SQL: Record<GroupBy | 'none', string> = {
  none: 'NULL::text',
  channel: 'l.channel',
  article: 'l.source_article_id::text',
  park: 'l.signed_park_id::text',
  consultant: 'l.owner_id::text',
  industry: 'l.industry_code',
};

const SIGNED = `l.stage IN ('signed', 'landed')`;
const PERIOD_FORMAT: Record<Interval, string> = { day: 'YYYY-MM-DD', week: 'YYYY-MM-DD', month: 'YYYY-MM' };

/** Parameters $1 = pipeline stages, $2 = from, $3 = to, then the filters. */
class Params {
  readonly values: unknown[];
  readonly where: string[] = ['l.spam = false'];
  constructor(f: ReportFilter) {
    this.values = [[...PIPELINE_STAGES], f.from, f.to];
    if (f.channel) this.add('l.channel = ?', f.channel);
    if (f.ownerId === 'pool') this.where.push('l.owner_id IS NULL');
    else if (f.ownerId) this.add('l.owner_id = ?::uuid', f.ownerId);
    if (f.sourceArticleId) this.add('l.source_article_id = ?::uuid', f.sourceArticleId);
    if (f.parkId) this.add('l.signed_park_id = ?::uuid', f.parkId);
    if (f.industryCode) this.add('l.industry_code = ?', f.industryCode);
  }
  private add(sql: string, v: unknown) {
    this.values.push(v);
    this.where.push(sql.replace('?', `$${this.values.length}`));
  }
  get lead(): string {
    return this.where.join(' AND ');
  }
}

/** Leads lost now whose last loss falls in [$2, $3), with the stage they were lost at (lead_report_fact). */
const LOST_SQL = (p: Params) => `
  SELECT l.lead_id, l.lost_reason, l.lost_from AS from_stage, l.lost_at AS at
    FROM lead_report_fact l
   WHERE l.stage = 'lost' AND l.lost_at >= $2 AND l.lost_at < $3 AND ${p.lead}`;

/**
 * The counting SQL of the reports, over lead_report_fact (one narrow row per lead kept by triggers):
 * one row per group or period comes back, never one per lead (except answered leads for response times).
 */
@Injectable()
export class ReportsRepository {
  constructor(@InjectDataSource() private readonly ds: DataSource) {}

  /**
   * Leads created in [from, to) counted per group: how many reached each stage (the furthest stage
   * in the stage history, kept in lead_report_fact by triggers, or the current stage), how many deals
   * stand, and their money.
   */
  async groupCounts(f: ReportFilter, by: GroupBy | 'none'): Promise<GroupCounts[]> {
    const p = new Params(f);
    const reached = PIPELINE_STAGES.map((_, r) => `count(*) FILTER (WHERE furthest >= ${r})::int AS r${r}`).join(', ');
    const rows: Record<string, string | number | null>[] = await this.ds.query(
      `WITH f AS (
         SELECT ${KEY_SQL[by]} AS key, l.stage, l.signed_investment_wan, l.signed_annual_tax_wan, ${SIGNED} AS standing,
                GREATEST(array_position($1::text[], l.stage) - 1, l.furthest_rank, 0) AS furthest
           FROM lead_report_fact l
          WHERE l.created_at >= $2 AND l.created_at < $3 AND ${p.lead}
       )
       SELECT key, count(*)::int AS leads, ${reached},
              count(*) FILTER (WHERE standing)::int AS signed,
              COALESCE(sum(signed_investment_wan) FILTER (WHERE standing), 0)::text AS inv,
              COALESCE(sum(signed_annual_tax_wan) FILTER (WHERE standing), 0)::text AS tax
         FROM f GROUP BY key`,
      p.values,
    );
    return rows.map((r) => ({
      key: r.key as string | null,
      leads: Number(r.leads),
      reached: PIPELINE_STAGES.map((_, i) => Number(r[`r${i}`])),
      signed: Number(r.signed),
      signedInvestmentWan: Number(r.inv),
      signedAnnualTaxWan: Number(r.tax),
    }));
  }

  /**
   * Group sizes of leads created in [from, to), and first-response working minutes: computed in SQL
   * for owners on the default hours — no profile, or the default in it — (`defaultMinutes`, per group: generate_series over local days
   * with the holiday calendar, the same rule as routing's workingMinutesBetween), and returned as
   * clock times for owners with their own hours (`answered`, computed by the caller).
   */
  async responses(
    f: ReportFilter,
    by: GroupBy,
    defaults: WorkingHours,
  ): Promise<{ sizes: Map<string | null, number>; defaultMinutes: Map<string | null, number[]>; answered: ResponseRow[] }> {
    const p = new Params(f);
    const where = `l.created_at >= $2 AND l.created_at < $3 AND ${p.lead}`;
    const sizes: { key: string | null; n: number }[] = await this.ds.query(
      `SELECT ${KEY_SQL[by]} AS key, count(*)::int AS n FROM lead_report_fact l WHERE ${where} AND $1::text[] IS NOT NULL GROUP BY 1`,
      p.values,
    );
    const n = p.values.length;
    const inSql: { key: string | null; minutes: number[] }[] = await this.ds.query(
      `SELECT key, array_agg(m) AS minutes FROM (
         SELECT a.key, floor(COALESCE((
                  SELECT sum(GREATEST(0, extract(epoch FROM LEAST(d.day + $${n + 3}::time, a.t) - GREATEST(d.day + $${n + 2}::time, a.f))))
                    FROM generate_series(date_trunc('day', a.f), a.t, interval '1 day') AS d(day)
                    LEFT JOIN holiday_calendar h ON h.date = d.day::date
                   WHERE CASE h.kind WHEN 'holiday' THEN false WHEN 'workday' THEN true
                         ELSE extract(isodow FROM d.day)::int = ANY($${n + 4}::int[]) END
                ), 0) / 60)::int AS m
           FROM (
             SELECT ${KEY_SQL[by]} AS key,
                    date_trunc('milliseconds', COALESCE(l.assigned_at, l.created_at)) AT TIME ZONE $${n + 1} AS f,
                    date_trunc('milliseconds', l.first_response_at) AT TIME ZONE $${n + 1} AS t
               FROM lead_report_fact l
               LEFT JOIN consultant_profile cp ON cp.user_id = l.owner_id
              WHERE ${where} AND l.first_response_at IS NOT NULL AND (cp.working_hours IS NULL OR cp.working_hours = $${n + 5}::jsonb) AND $1::text[] IS NOT NULL
           ) a
       ) x GROUP BY key`,
      [...p.values, defaults.timezone, defaults.start, defaults.end, defaults.days, JSON.stringify(defaults)],
    );
    // Owners with their own hours: epoch milliseconds as float8 (cheap to parse), hours once per owner.
    const answered: { key: string | null; owner: string; start: number; answered: number; hours: unknown }[] = await this.ds.query(
      `SELECT ${KEY_SQL[by]} AS key, l.owner_id AS owner, cp.working_hours AS hours,
              (extract(epoch FROM COALESCE(l.assigned_at, l.created_at)) * 1000)::float8 AS start,
              (extract(epoch FROM l.first_response_at) * 1000)::float8 AS answered
         FROM lead_report_fact l
         JOIN consultant_profile cp ON cp.user_id = l.owner_id AND cp.working_hours <> $${n + 1}::jsonb
        WHERE ${where} AND l.first_response_at IS NOT NULL AND $1::text[] IS NOT NULL`,
      [...p.values, JSON.stringify(defaults)],
    );
    return {
      sizes: new Map(sizes.map((s) => [s.key, Number(s.n)])),
      defaultMinutes: new Map(inSql.map((r) => [r.key, r.minutes.map(Number)])),
      answered: answered.map((a) => ({ key: a.key, from: new Date(a.start), to: new Date(a.answered), ownerHours: a.hours })),
    };
  }

  /** New leads (by creation), standing deals (by signing date) and losses (by when lost) per period of China time. */
  async trendCounts(f: ReportFilter, interval: Interval): Promise<TrendRow[]> {
    const p = new Params(f);
    const unit = p.values.length + 1;
    const fmt = p.values.length + 2;
    const rows: { period: string; n: number; s: number; lo: number }[] = await this.ds.query(
      `SELECT to_char(date_trunc($${unit}, t AT TIME ZONE 'Asia/Shanghai'), $${fmt}) AS period,
              sum(n)::int AS n, sum(s)::int AS s, sum(lo)::int AS lo
         FROM (
           SELECT l.created_at AS t, 1 AS n, 0 AS s, 0 AS lo FROM lead_report_fact l
            WHERE l.created_at >= $2 AND l.created_at < $3 AND ${p.lead} AND $1::text[] IS NOT NULL
           UNION ALL
           SELECT l.signed_at, 0, 1, 0 FROM lead_report_fact l
            WHERE ${SIGNED} AND l.signed_at >= $2 AND l.signed_at < $3 AND ${p.lead}
           UNION ALL
           SELECT lost.at, 0, 0, 1 FROM (${LOST_SQL(p)}) lost
         ) x
        GROUP BY 1`,
      [...p.values, interval, PERIOD_FORMAT[interval]],
    );
    return rows.map((r) => ({ period: r.period, newLeads: Number(r.n), signed: Number(r.s), lost: Number(r.lo) }));
  }

  /** Leads lost in [from, to) counted by reason and the stage they were lost at. */
  async lostCounts(f: ReportFilter): Promise<LostCount[]> {
    const p = new Params(f);
    const rows: { reason: string | null; from_stage: string | null; n: number }[] = await this.ds.query(
      `SELECT lost.lost_reason AS reason, lost.from_stage, count(*)::int AS n FROM (${LOST_SQL(p)}) lost
        WHERE $1::text[] IS NOT NULL GROUP BY 1, 2`,
      p.values,
    );
    return rows.map((r) => ({ reason: r.reason, fromStage: r.from_stage, count: Number(r.n) }));
  }

  async userNames(ids: string[]): Promise<Map<string, string>> {
    if (!ids.length) return new Map();
    const rows: { id: string; name: string }[] = await this.ds.query(`SELECT id, name FROM app_user WHERE id = ANY($1::uuid[])`, [ids]);
    return new Map(rows.map((r) => [r.id, r.name]));
  }

  /** Titles of source articles and names of parks, for group labels. */
  async articleTitles(ids: string[]): Promise<Map<string, string>> {
    if (!ids.length) return new Map();
    const rows = await this.ds.manager.find(Article, { where: { id: In(ids) }, select: { id: true, title: true } });
    return new Map(rows.map((r) => [r.id, r.title]));
  }

  async parkNames(ids: string[]): Promise<Map<string, string>> {
    if (!ids.length) return new Map();
    const rows = await this.ds.manager.find(Park, { where: { id: In(ids) }, select: { id: true, name: true } });
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
