import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { In, type DataSource } from 'typeorm';
import { Article, Park } from '@app/knowledge';
import { PIPELINE_STAGES } from '@app/pipeline';
import type { WorkingHours } from '@app/routing';
import {
  addCount,
  type GroupBy,
  type GroupCounts,
  type Interval,
  type LostCount,
  type MinuteCounts,
  type TrendRow,
} from './report-math.js';

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

/** The hours zs_report_refresh stores response minutes for (routing's DEFAULT_WORKING_HOURS when written). */
const STORED_HOURS = { timezone: 'Asia/Shanghai', start: '09:00', end: '18:00', days: [1, 2, 3, 4, 5] };
const sameHours = (h: WorkingHours, s: typeof STORED_HOURS) =>
  h.timezone === s.timezone &&
  h.start === s.start &&
  h.end === s.end &&
  h.days.length === s.days.length &&
  h.days.every((d, i) => d === s.days[i]);

/**
 * Working minutes from f to t (local timestamps) on hours start–end ($ parameters, time) of the ISO
 * weekdays in days (int[]), with holiday_calendar's 放假 and 调休上班: routing's workingMinutesBetween in SQL.
 */
const LIVE_MINUTES = (f: string, t: string, start: string, end: string, days: string) => `floor(COALESCE((
  SELECT sum(GREATEST(0, extract(epoch FROM LEAST(d.day + ${end}::time, ${t}) - GREATEST(d.day + ${start}::time, ${f}))))
    FROM generate_series(date_trunc('day', ${f}), ${t}, interval '1 day') AS d(day)
    LEFT JOIN holiday_calendar h ON h.date = d.day::date
   WHERE CASE h.kind WHEN 'holiday' THEN false WHEN 'workday' THEN true
         ELSE extract(isodow FROM d.day)::int = ANY(${days}::int[]) END
), 0) / 60)::int`;

const DAY_MS = 86_400_000;
/** China time is UTC+8 all year (no daylight saving): local midnights are fixed UTC instants. */
const CHINA_OFFSET_MS = 8 * 3_600_000;
const localMidnight = (t: number) => t - ((((t + CHINA_OFFSET_MS) % DAY_MS) + DAY_MS) % DAY_MS);
const isoDay = (t: number) => new Date(t + CHINA_OFFSET_MS).toISOString().slice(0, 10);

/**
 * How a report over [from, to) is answered: the whole China-time days inside the range from the daily
 * rollups (report_daily, report_lost_daily) when no filter is set, and the rest — partial days at the
 * edges, or the whole range when a filter is set — from lead_report_fact. Both give exact counts.
 */
export function splitRange(f: ReportFilter): { days: { from: string; to: string } | null; facts: ReportFilter[] } {
  const filtered = !!(f.channel || f.ownerId || f.sourceArticleId || f.parkId || f.industryCode);
  const from = f.from.getTime();
  const to = f.to.getTime();
  const d0 = localMidnight(from) === from ? from : localMidnight(from) + DAY_MS;
  const d1 = localMidnight(to);
  if (filtered || d1 <= d0) return { days: null, facts: [f] };
  const facts: ReportFilter[] = [];
  if (from < d0) facts.push({ ...f, from: f.from, to: new Date(d0) });
  if (d1 < to) facts.push({ ...f, from: new Date(d1), to: f.to });
  return { days: { from: isoDay(d0), to: isoDay(d1) }, facts };
}

/** A run of rollup periods of one span: periods starting in [from, to) (ISO dates). */
export interface SpanRange {
  span: 'day' | 'month' | 'year';
  from: string;
  to: string;
}

const nextMonth = (d: string) => {
  const y = Number(d.slice(0, 4));
  const m = Number(d.slice(5, 7));
  return m === 12 ? `${y + 1}-01-01` : `${y}-${String(m + 1).padStart(2, '0')}-01`;
};

/**
 * Whole days [from, to) (ISO dates) as the fewest rollup periods: days up to the first whole month,
 * months up to the first whole year, whole years, then months and days after them. Every day of the
 * range is in exactly one period.
 */
export function splitDays(from: string, to: string): SpanRange[] {
  const out: SpanRange[] = [];
  const push = (span: SpanRange['span'], a: string, b: string) => {
    if (a < b) out.push({ span, from: a, to: b });
  };
  const m0 = from.endsWith('-01') ? from : nextMonth(from);
  const m1 = `${to.slice(0, 7)}-01`;
  if (m0 >= m1) {
    push('day', from, to);
    return out;
  }
  const y0 = m0.endsWith('-01-01') ? m0 : `${Number(m0.slice(0, 4)) + 1}-01-01`;
  const y1 = `${to.slice(0, 4)}-01-01`;
  push('day', from, m0);
  if (y0 < y1) {
    push('month', m0, y0);
    push('year', y0, y1);
    push('month', y1, m1);
  } else push('month', m0, m1);
  push('day', m1, to);
  return out;
}

const ROLLUP_KIND: Record<GroupBy | 'none', GroupBy> = {
  none: 'channel',
  channel: 'channel',
  article: 'article',
  park: 'park',
  consultant: 'consultant',
  industry: 'industry',
};

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
    const { days, facts } = splitRange(f);
    const parts = await Promise.all([...(days ? [this.rollupCounts(days, by)] : []), ...facts.map((x) => this.factCounts(x, by))]);
    const merged = new Map<string | null, GroupCounts>();
    for (const g of parts.flat()) {
      const m = merged.get(g.key);
      if (!m) merged.set(g.key, { ...g, reached: [...g.reached] });
      else {
        m.leads += g.leads;
        m.reached = m.reached.map((n, i) => n + g.reached[i]);
        m.signed += g.signed;
        m.signedInvestmentWan += g.signedInvestmentWan;
        m.signedAnnualTaxWan += g.signedAnnualTaxWan;
      }
    }
    return [...merged.values()];
  }

  /** Brings the daily rollups up to date (recomputes the days writers marked since the last refresh). */
  private async refresh(): Promise<void> {
    await this.ds.query(`SELECT zs_report_refresh()`);
  }

  /** groupCounts over whole China-time days [from, to) (dates), unfiltered, from report_daily. */
  /**
   * groupCounts over whole China-time days [from, to) (dates), unfiltered: whole months and years from
   * report_period, the other days from report_daily (splitDays picks the fewest periods).
   */
  private async rollupCounts(days: { from: string; to: string }, by: GroupBy | 'none'): Promise<GroupCounts[]> {
    await this.refresh();
    const cols = `key, leads, ${PIPELINE_STAGES.map((_, i) => `r${i}`).join(', ')}, standing, inv, tax`;
    const values: unknown[] = [ROLLUP_KIND[by]];
    const runs = splitDays(days.from, days.to).map((r) => {
      values.push(r.from, r.to);
      const i = values.length;
      if (r.span === 'day') return `SELECT ${cols} FROM report_daily WHERE kind = $1 AND day >= $${i - 1}::date AND day < $${i}::date`;
      values.push(r.span);
      return `SELECT ${cols} FROM report_period WHERE kind = $1 AND span = $${i + 1} AND start >= $${i - 1}::date AND start < $${i}::date`;
    });
    const rows: Record<string, string | null>[] = await this.ds.query(
      `SELECT ${by === 'none' ? 'NULL::text' : 'key'} AS key, sum(leads)::text AS leads, ${PIPELINE_STAGES.map((_, i) => `sum(r${i})::text AS r${i}`).join(', ')},
              sum(standing)::text AS signed, sum(inv)::text AS inv, sum(tax)::text AS tax
         FROM (${runs.join(' UNION ALL ')}) r GROUP BY 1 HAVING sum(leads) > 0`,
      values,
    );
    return rows.map((r) => ({
      key: r.key,
      leads: Number(r.leads),
      reached: PIPELINE_STAGES.map((_, i) => Number(r[`r${i}`])),
      signed: Number(r.signed),
      signedInvestmentWan: Number(r.inv),
      signedAnnualTaxWan: Number(r.tax),
    }));
  }

  private async factCounts(f: ReportFilter, by: GroupBy | 'none'): Promise<GroupCounts[]> {
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
   * Group sizes of leads created in [from, to), and first-response working minutes as counts per
   * minute value: for owners on the default hours — no profile, or the default in it — in
   * `defaultMinutes` (the same rule as routing's workingMinutesBetween), and as clock times for owners
   * with their own hours (`answered`, computed by the caller).
   *
   * Without filters and on the hours zs_report_refresh stores minutes for, the whole China-time days
   * of the range come from the response histograms (report_response: per day, month and year × group ×
   * exact minute value, how many leads; splitDays picks the fewest periods) and only the partial days
   * at the edges from lead_report_fact. The histograms count every owner's leads at their default-hours
   * minutes, so leads of owners with their own hours are taken out again and returned in `answered`.
   */
  async responses(
    f: ReportFilter,
    by: GroupBy,
    defaults: WorkingHours,
  ): Promise<{ sizes: Map<string | null, number>; defaultMinutes: Map<string | null, MinuteCounts>; answered: ResponseRow[] }> {
    const stored = sameHours(defaults, STORED_HOURS);
    const { days, facts } = stored ? splitRange(f) : { days: null, facts: [f] };
    await this.refresh();
    // Owners with their own hours (usually none): only then are their leads read apart.
    const own: { n: number }[] = await this.ds.query(`SELECT count(*)::int AS n FROM consultant_profile WHERE working_hours <> $1::jsonb`, [
      JSON.stringify(defaults),
    ]);
    const anyOwn = Number(own[0]?.n) > 0;
    const parts = await Promise.all([
      ...(days ? [this.rollupResponses(days, by, defaults, anyOwn)] : []),
      ...facts.map((x) => this.factResponses(x, by, defaults, stored, anyOwn)),
    ]);
    const sizes = new Map<string | null, number>();
    const defaultMinutes = new Map<string | null, MinuteCounts>();
    const answered: ResponseRow[] = [];
    for (const part of parts) {
      for (const r of part.histogram) {
        sizes.set(r.key, (sizes.get(r.key) ?? 0) + Number(r.n));
        if (r.m === null) continue;
        const h = defaultMinutes.get(r.key) ?? new Map<number, number>();
        addCount(h, Number(r.m), Number(r.n));
        defaultMinutes.set(r.key, h);
      }
      // Own-hours owners' answered leads out of the histograms (still counted in the group sizes).
      for (const o of part.minus ?? []) {
        const h = defaultMinutes.get(o.key) ?? new Map<number, number>();
        addCount(h, o.m, -1);
        defaultMinutes.set(o.key, h);
      }
      answered.push(...part.answered);
    }
    for (const [key, h] of defaultMinutes) if (!h.size) defaultMinutes.delete(key);
    return { sizes, defaultMinutes, answered };
  }

  /**
   * Whole China-time days [from, to) from report_response: (group, minutes, leads) summed over the
   * day, month and year periods covering them; answered leads of owners with their own hours are
   * returned in `minus` with the default-hours minutes the histograms hold for them (to take out), and
   * in `answered` (to count on their own hours).
   */
  private async rollupResponses(
    days: { from: string; to: string },
    by: GroupBy,
    defaults: WorkingHours,
    anyOwn: boolean,
  ): Promise<{
    histogram: { key: string | null; m: number | null; n: number }[];
    minus: { key: string | null; m: number }[];
    answered: ResponseRow[];
  }> {
    const spans = splitDays(days.from, days.to);
    const values: unknown[] = [by];
    const runs = spans.map((r) => {
      values.push(r.span, r.from, r.to);
      const i = values.length;
      return `SELECT key, m, n FROM report_response WHERE kind = $1 AND span = $${i - 2} AND start >= $${i - 1}::date AND start < $${i}::date`;
    });
    const histogramQuery = this.ds.query(
      `SELECT key, m, sum(n)::int AS n FROM (${runs.join(' UNION ALL ')}) r GROUP BY key, m`,
      values,
    ) as Promise<{ key: string | null; m: number | null; n: number }[]>;
    const ownQuery = anyOwn
      ? (this.ds.query(
          `SELECT ${KEY_SQL[by]} AS key, cp.working_hours AS hours,
                  (extract(epoch FROM COALESCE(l.assigned_at, l.created_at)) * 1000)::float8 AS start,
                  (extract(epoch FROM l.first_response_at) * 1000)::float8 AS answered,
                  CASE WHEN l.response_at = l.first_response_at AND l.response_start = COALESCE(l.assigned_at, l.created_at) THEN l.response_minutes
                       ELSE ${LIVE_MINUTES(
                         `(date_trunc('milliseconds', COALESCE(l.assigned_at, l.created_at)) AT TIME ZONE $4)`,
                         `(date_trunc('milliseconds', l.first_response_at) AT TIME ZONE $4)`,
                         '$5',
                         '$6',
                         '$7',
                       )} END AS m
             FROM consultant_profile cp
             JOIN lead_report_fact l ON l.owner_id = cp.user_id
            WHERE cp.working_hours <> $1::jsonb AND NOT l.spam AND l.first_response_at IS NOT NULL
              AND l.created_at >= ($2::date::timestamp AT TIME ZONE 'Asia/Shanghai') AND l.created_at < ($3::date::timestamp AT TIME ZONE 'Asia/Shanghai')`,
          [JSON.stringify(defaults), days.from, days.to, defaults.timezone, defaults.start, defaults.end, defaults.days],
        ) as Promise<{ key: string | null; m: number; start: number; answered: number; hours: unknown }[]>)
      : Promise.resolve([]);
    const [histogram, owned] = await Promise.all([histogramQuery, ownQuery]);
    return {
      histogram,
      minus: owned.map((o) => ({ key: o.key, m: Number(o.m) })),
      answered: owned.map((a) => ({ key: a.key, from: new Date(a.start), to: new Date(a.answered), ownerHours: a.hours })),
    };
  }

  /** Leads created in [from, to) read from lead_report_fact (one scan): (group, minutes, leads), and own-hours owners' answered leads. */
  private async factResponses(
    f: ReportFilter,
    by: GroupBy,
    defaults: WorkingHours,
    stored: boolean,
    anyOwn: boolean,
  ): Promise<{ histogram: { key: string | null; m: number | null; n: number }[]; minus?: undefined; answered: ResponseRow[] }> {
    const p = new Params(f);
    const where = `l.created_at >= $2 AND l.created_at < $3 AND ${p.lead}`;
    const n = p.values.length;
    // Per (group, minutes) how many leads, minutes NULL for leads not answered or owned by someone
    // with their own hours (they count in the group size only). Stored minutes
    // (lead_report_fact.response_minutes, computed by zs_report_refresh on the default hours
    // 09:00–18:00 Mon–Fri Asia/Shanghai) are used where they were computed for this very start and
    // answer; any other answered lead on the default hours is computed here.
    const histogramQuery = this.ds.query(
      `SELECT key, m, count(*)::int AS n FROM (
         SELECT a.key, CASE WHEN NOT a.counted THEN NULL WHEN a.valid THEN a.stored ELSE ${LIVE_MINUTES('a.f', 'a.t', `$${n + 2}`, `$${n + 3}`, `$${n + 4}`)} END AS m
           FROM (
             SELECT ${KEY_SQL[by]} AS key, l.response_minutes AS stored,
                    l.first_response_at IS NOT NULL AND (cp.working_hours IS NULL OR cp.working_hours = $${n + 5}::jsonb) AS counted,
                    $${n + 6}::boolean AND l.response_at = l.first_response_at AND l.response_start = COALESCE(l.assigned_at, l.created_at) AS valid,
                    date_trunc('milliseconds', COALESCE(l.assigned_at, l.created_at)) AT TIME ZONE $${n + 1} AS f,
                    date_trunc('milliseconds', l.first_response_at) AT TIME ZONE $${n + 1} AS t
               FROM lead_report_fact l
               LEFT JOIN consultant_profile cp ON cp.user_id = l.owner_id
              WHERE ${where} AND $1::text[] IS NOT NULL
           ) a
       ) x GROUP BY key, m`,
      [...p.values, defaults.timezone, defaults.start, defaults.end, defaults.days, JSON.stringify(defaults), stored],
    ) as Promise<{ key: string | null; m: number | null; n: number }[]>;
    // Owners with their own hours: epoch milliseconds as float8 (cheap to parse), hours once per owner.
    const answeredQuery = anyOwn
      ? (this.ds.query(
          `SELECT ${KEY_SQL[by]} AS key, l.owner_id AS owner, cp.working_hours AS hours,
                  (extract(epoch FROM COALESCE(l.assigned_at, l.created_at)) * 1000)::float8 AS start,
                  (extract(epoch FROM l.first_response_at) * 1000)::float8 AS answered
             FROM lead_report_fact l
             JOIN consultant_profile cp ON cp.user_id = l.owner_id AND cp.working_hours <> $${n + 1}::jsonb
            WHERE ${where} AND l.first_response_at IS NOT NULL AND $1::text[] IS NOT NULL`,
          [...p.values, JSON.stringify(defaults)],
        ) as Promise<{ key: string | null; owner: string; start: number; answered: number; hours: unknown }[]>)
      : Promise.resolve([]);
    const [histogram, answered] = await Promise.all([histogramQuery, answeredQuery]);
    return {
      histogram,
      answered: answered.map((a) => ({ key: a.key, from: new Date(a.start), to: new Date(a.answered), ownerHours: a.hours })),
    };
  }

  /** New leads (by creation), standing deals (by signing date) and losses (by when lost) per period of China time. */
  async trendCounts(f: ReportFilter, interval: Interval): Promise<TrendRow[]> {
    const { days, facts } = splitRange(f);
    const parts = await Promise.all([
      ...(days ? [this.rollupTrend(days, interval)] : []),
      ...facts.map((x) => this.factTrend(x, interval)),
    ]);
    const merged = new Map<string, TrendRow>();
    for (const r of parts.flat()) {
      const m = merged.get(r.period);
      if (!m) merged.set(r.period, { ...r });
      else {
        m.newLeads += r.newLeads;
        m.signed += r.signed;
        m.lost += r.lost;
      }
    }
    return [...merged.values()];
  }

  private async rollupTrend(days: { from: string; to: string }, interval: Interval): Promise<TrendRow[]> {
    await this.refresh();
    const rows: { period: string; n: number; s: number; lo: number }[] = await this.ds.query(
      `SELECT to_char(date_trunc($3, day::timestamp), $4) AS period, sum(leads)::int AS n, sum(signed)::int AS s, sum(lost)::int AS lo
         FROM report_daily WHERE kind = 'channel' AND day >= $1::date AND day < $2::date GROUP BY 1`,
      [days.from, days.to, interval, PERIOD_FORMAT[interval]],
    );
    return rows.map((r) => ({ period: r.period, newLeads: Number(r.n), signed: Number(r.s), lost: Number(r.lo) }));
  }

  private async factTrend(f: ReportFilter, interval: Interval): Promise<TrendRow[]> {
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
    const { days, facts } = splitRange(f);
    const parts = await Promise.all([...(days ? [this.rollupLost(days)] : []), ...facts.map((x) => this.factLost(x))]);
    const merged = new Map<string, LostCount>();
    for (const c of parts.flat()) {
      const k = JSON.stringify([c.reason, c.fromStage]);
      const m = merged.get(k);
      if (!m) merged.set(k, { ...c });
      else m.count += c.count;
    }
    return [...merged.values()];
  }

  private async rollupLost(days: { from: string; to: string }): Promise<LostCount[]> {
    await this.refresh();
    const rows: { reason: string | null; from_stage: string | null; n: number }[] = await this.ds.query(
      `SELECT reason, from_stage, sum(n)::int AS n FROM report_lost_daily WHERE day >= $1::date AND day < $2::date GROUP BY 1, 2`,
      [days.from, days.to],
    );
    return rows.map((r) => ({ reason: r.reason, fromStage: r.from_stage, count: Number(r.n) }));
  }

  private async factLost(f: ReportFilter): Promise<LostCount[]> {
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

  /** The name on the newest lead with each code that has one (kept per day by zs_report_refresh in report_industry_name). */
  async industryNames(codes: string[]): Promise<Map<string, string>> {
    if (!codes.length) return new Map();
    await this.refresh();
    const rows: { code: string; name: string }[] = await this.ds.query(
      `SELECT DISTINCT ON (code) code, name FROM report_industry_name WHERE code = ANY($1::text[]) ORDER BY code, day DESC, at DESC`,
      [codes],
    );
    return new Map(rows.map((r) => [r.code, r.name]));
  }
}
