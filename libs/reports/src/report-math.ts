import { LOST_REASONS, PIPELINE_STAGES, STAGE_LABELS_ZH, stageRank, type PipelineStage } from '@app/pipeline';

/**
 * Report arithmetic. The database counts (GROUP BY with FILTER, one row per group or period); these
 * pure functions turn the counts into rates, shares, percentiles, sorted groups and complete period
 * series. Definitions are in docs/reports.md.
 */

export const GROUP_BYS = ['channel', 'article', 'park', 'consultant', 'industry'] as const;
export type GroupBy = (typeof GROUP_BYS)[number];
export const INTERVALS = ['day', 'week', 'month'] as const;
export type Interval = (typeof INTERVALS)[number];

/** Counts for one group of leads (or all of them). */
export interface GroupCounts {
  key: string | null;
  leads: number;
  /** reached[r] = leads whose furthest stage is at rank r or later (new = 0 … landed = 6). */
  reached: number[];
  /** Deals that stand: signed or landed now. */
  signed: number;
  signedInvestmentWan: number;
  signedAnnualTaxWan: number;
}

/** Rates are rounded to 4 decimals (0.1234 = 12.34 %); a rate over nothing is null, not 0. */
export function rate(part: number, whole: number): number | null {
  return whole > 0 ? Math.round((part / whole) * 10_000) / 10_000 : null;
}

/** Money in 万元 without float dust (to 4 decimals = 1 元). */
export function roundWan(v: number): number {
  return Math.round(v * 10_000) / 10_000;
}

/** Percentile by linear interpolation between closest ranks (PostgreSQL's percentile_cont); null when empty. */
export function percentile(values: number[], p: number): number | null {
  if (!values.length) return null;
  const v = [...values].sort((a, b) => a - b);
  const pos = p * (v.length - 1);
  const lo = Math.floor(pos);
  const hi = Math.ceil(pos);
  return Math.round((v[lo] + (v[hi] - v[lo]) * (pos - lo)) * 100) / 100;
}

export interface FunnelStep {
  stage: PipelineStage;
  label: string;
  /** Leads that ever reached this stage or a later one. */
  count: number;
  /** count ÷ the previous step's count (null for the first step). */
  rateFromPrevious: number | null;
  /** count ÷ all leads. */
  rateFromTotal: number | null;
}

export interface Funnel {
  total: number;
  steps: FunnelStep[];
  /** Leads that reached signed ÷ all leads. */
  overallConversion: number | null;
}

export function funnel(all: Pick<GroupCounts, 'leads' | 'reached'>): Funnel {
  const total = all.leads;
  const steps = PIPELINE_STAGES.map((stage, i) => ({
    stage,
    label: STAGE_LABELS_ZH[stage],
    count: all.reached[i] ?? 0,
    rateFromPrevious: i === 0 ? null : rate(all.reached[i] ?? 0, all.reached[i - 1] ?? 0),
    rateFromTotal: rate(all.reached[i] ?? 0, total),
  }));
  return { total, steps, overallConversion: rate(steps[stageRank('signed')].count, total) };
}

/** Bigger groups first, then by key; the group without a key (no article, not signed, pool) last. */
export function byLeadsThenKey<T extends { key: string | null; leads: number }>(a: T, b: T): number {
  if (a.key === null && b.key !== null) return 1;
  if (b.key === null && a.key !== null) return -1;
  if (b.leads !== a.leads) return b.leads - a.leads;
  return (a.key ?? '') < (b.key ?? '') ? -1 : (a.key ?? '') > (b.key ?? '') ? 1 : 0;
}

export interface ConversionRow {
  key: string | null;
  leads: number;
  /** Reached contacted or later. */
  contacted: number;
  /** Reached site_visit or later. */
  siteVisits: number;
  /** Signed or landed now. */
  signed: number;
  /** signed ÷ leads */
  conversionRate: number | null;
  signedInvestmentWan: number;
  signedAnnualTaxWan: number;
}

export function conversion(groups: GroupCounts[]): ConversionRow[] {
  return groups
    .map((g) => ({
      key: g.key,
      leads: g.leads,
      contacted: g.reached[stageRank('contacted')] ?? 0,
      siteVisits: g.reached[stageRank('site_visit')] ?? 0,
      signed: g.signed,
      conversionRate: rate(g.signed, g.leads),
      signedInvestmentWan: roundWan(g.signedInvestmentWan),
      signedAnnualTaxWan: roundWan(g.signedAnnualTaxWan),
    }))
    .sort(byLeadsThenKey);
}

/**
 * A histogram of whole minutes: minute value → how many leads. The rollups count leads per exact
 * minute value, so percentiles and SLA counts from histograms are exactly those of the expanded list.
 */
export type MinuteCounts = Map<number, number>;

/** Adds `n` leads at minute value `m` to a histogram (negative `n` takes them out; a value at 0 is removed). */
export function addCount(h: MinuteCounts, m: number, n: number): void {
  const c = (h.get(m) ?? 0) + n;
  if (c === 0) h.delete(m);
  else h.set(m, c);
}

/** The histogram of a plain list of values. */
export function countsOf(values: number[]): MinuteCounts {
  const h: MinuteCounts = new Map();
  for (const v of values) addCount(h, v, 1);
  return h;
}

/** How many values a histogram holds. */
export function countTotal(h: MinuteCounts): number {
  let n = 0;
  for (const c of h.values()) n += c;
  return n;
}

/**
 * percentile() of the list a histogram stands for, without expanding it: the values at ranks
 * floor(p·(N−1)) and ceil(p·(N−1)) found by walking the cumulative counts in value order.
 */
export function percentileOfCounts(h: MinuteCounts, p: number): number | null {
  const entries = [...h].filter(([, n]) => n > 0).sort((a, b) => a[0] - b[0]);
  const total = entries.reduce((s, [, n]) => s + n, 0);
  if (!total) return null;
  const pos = p * (total - 1);
  const lo = Math.floor(pos);
  const hi = Math.ceil(pos);
  const at = (rank: number) => {
    let seen = 0;
    for (const [v, n] of entries) {
      seen += n;
      if (rank < seen) return v;
    }
    return entries[entries.length - 1][0];
  };
  const vLo = at(lo);
  const vHi = hi === lo ? vLo : at(hi);
  return Math.round((vLo + (vHi - vLo) * (pos - lo)) * 100) / 100;
}

/** One group's first-response times (working minutes of the leads answered, as counts per minute value) and its size. */
export interface ResponseGroup {
  key: string | null;
  leads: number;
  minutes: MinuteCounts;
}

export interface ResponseTimeRow {
  key: string | null;
  leads: number;
  responded: number;
  medianMinutes: number | null;
  p90Minutes: number | null;
  /** Answered within the SLA. */
  withinSla: number;
  /** withinSla ÷ leads: an unanswered lead counts as a miss. */
  slaCompliance: number | null;
}

export function responseTimes(groups: ResponseGroup[], slaMinutes: number): ResponseTimeRow[] {
  return groups
    .map(({ key, leads, minutes }) => {
      let withinSla = 0;
      for (const [m, n] of minutes) if (m <= slaMinutes) withinSla += n;
      return {
        key,
        leads,
        responded: countTotal(minutes),
        medianMinutes: percentileOfCounts(minutes, 0.5),
        p90Minutes: percentileOfCounts(minutes, 0.9),
        withinSla,
        slaCompliance: rate(withinSla, leads),
      };
    })
    .sort(byLeadsThenKey);
}

/** Reports are read in China time (UTC+8, no daylight saving). */
export const CHINA_OFFSET_MS = 8 * 3600_000;

/** The period a moment falls in: day YYYY-MM-DD, week = its Monday YYYY-MM-DD, month YYYY-MM (China time). */
export function periodOf(at: Date, interval: Interval): string {
  const c = new Date(at.getTime() + CHINA_OFFSET_MS);
  if (interval === 'month') return c.toISOString().slice(0, 7);
  if (interval === 'week') {
    const back = (c.getUTCDay() + 6) % 7;
    return new Date(Date.UTC(c.getUTCFullYear(), c.getUTCMonth(), c.getUTCDate() - back)).toISOString().slice(0, 10);
  }
  return c.toISOString().slice(0, 10);
}

/** Every period from `from` up to (not including) `to`, in order (at most `max` + 1). */
export function periodsBetween(from: Date, to: Date, interval: Interval, max = 1000): string[] {
  const out: string[] = [];
  const c = new Date(from.getTime() + CHINA_OFFSET_MS);
  let cursor = Date.UTC(c.getUTCFullYear(), c.getUTCMonth(), c.getUTCDate()) - CHINA_OFFSET_MS;
  while (cursor < to.getTime() && out.length <= max) {
    const p = periodOf(new Date(Math.max(cursor, from.getTime())), interval);
    if (out[out.length - 1] !== p) out.push(p);
    cursor += 86_400_000;
  }
  return out;
}

export interface TrendRow {
  period: string;
  newLeads: number;
  signed: number;
  lost: number;
}

/** Every period of [from, to) with its counts (0 where the database had none). */
export function trend(counted: TrendRow[], interval: Interval, from: Date, to: Date): TrendRow[] {
  const byPeriod = new Map(counted.map((r) => [r.period, r]));
  return periodsBetween(from, to, interval).map((period) => {
    const r = byPeriod.get(period);
    return { period, newLeads: r?.newLeads ?? 0, signed: r?.signed ?? 0, lost: r?.lost ?? 0 };
  });
}

/** Lost leads counted by reason and the stage they were lost at. */
export interface LostCount {
  reason: string | null;
  fromStage: string | null;
  count: number;
}

export interface LostReasonRow {
  reason: string;
  count: number;
  /** count ÷ all lost leads */
  share: number | null;
  /** How many were lost at each stage. */
  atStage: Record<PipelineStage, number>;
}

/** Every reason listed (unknown ones after the known seven, a missing one as `other`). */
export function lostReasons(counts: LostCount[]): { total: number; rows: LostReasonRow[] } {
  const total = counts.reduce((s, c) => s + c.count, 0);
  const reasons: string[] = [...LOST_REASONS];
  for (const c of counts) if (c.reason && !reasons.includes(c.reason)) reasons.push(c.reason);
  const rows = reasons.map((reason) => {
    const mine = counts.filter((c) => (c.reason ?? 'other') === reason);
    const count = mine.reduce((s, c) => s + c.count, 0);
    const atStage = Object.fromEntries(
      PIPELINE_STAGES.map((s) => [s, mine.filter((c) => c.fromStage === s).reduce((n, c) => n + c.count, 0)]),
    ) as Record<PipelineStage, number>;
    return { reason, count, share: rate(count, total), atStage };
  });
  return { total, rows };
}
