import type { LeadStage } from '@app/leads';
import { LOST_REASONS, PIPELINE_STAGES, STAGE_LABELS_ZH, stageRank, type PipelineStage } from '@app/pipeline';

/** What the reports need to know about one lead (read in one query, computed on here). */
export interface LeadFact {
  id: string;
  createdAt: Date;
  channel: string;
  sourceArticleId: string | null;
  parkId: string | null;
  ownerId: string | null;
  industryCode: string | null;
  stage: LeadStage;
  /** Furthest pipeline stage ever reached (0 = new … 6 = landed), from the stage history and the current stage. */
  furthestRank: number;
  signedAt: Date | null;
  signedInvestmentWan: number | null;
  signedAnnualTaxWan: number | null;
  /** When the lead was (last) lost, and from which stage; null unless it is lost now. */
  lostAt: Date | null;
  lostFromStage: LeadStage | null;
  lostReason: string | null;
  /** Minutes from assignment (or creation) to the first contact; null = not answered yet. */
  responseMinutes: number | null;
}

export const GROUP_BYS = ['channel', 'article', 'park', 'consultant', 'industry'] as const;
export type GroupBy = (typeof GROUP_BYS)[number];
export const INTERVALS = ['day', 'week', 'month'] as const;
export type Interval = (typeof INTERVALS)[number];

/** Rates are rounded to 4 decimals (0.1234 = 12.34 %); a rate over nothing is null, not 0. */
export function rate(part: number, whole: number): number | null {
  return whole > 0 ? Math.round((part / whole) * 10_000) / 10_000 : null;
}

/** Money in 万元 summed without float dust (to 4 decimals = 1 元). */
export function sumWan(values: (number | null)[]): number {
  return Math.round(values.reduce<number>((s, v) => s + (v ?? 0), 0) * 10_000) / 10_000;
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

/** A deal that stands: the lead is signed or landed now. */
const isSigned = (f: LeadFact) => f.stage === 'signed' || f.stage === 'landed';
const reached = (f: LeadFact, s: PipelineStage) => f.furthestRank >= stageRank(s);

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

export function funnel(facts: LeadFact[]): Funnel {
  const total = facts.length;
  const steps = PIPELINE_STAGES.map((stage) => {
    const count = facts.filter((f) => reached(f, stage)).length;
    return { stage, label: STAGE_LABELS_ZH[stage], count, rateFromPrevious: null as number | null, rateFromTotal: rate(count, total) };
  });
  steps.forEach((s, i) => {
    if (i > 0) s.rateFromPrevious = rate(s.count, steps[i - 1].count);
  });
  return { total, steps, overallConversion: rate(steps[stageRank('signed')].count, total) };
}

export function groupKey(f: LeadFact, by: GroupBy): string | null {
  switch (by) {
    case 'channel':
      return f.channel;
    case 'article':
      return f.sourceArticleId;
    case 'park':
      return f.parkId;
    case 'consultant':
      return f.ownerId;
    case 'industry':
      return f.industryCode;
  }
}

function groupFacts(facts: LeadFact[], by: GroupBy): Map<string | null, LeadFact[]> {
  const groups = new Map<string | null, LeadFact[]>();
  for (const f of facts) {
    const k = groupKey(f, by);
    const list = groups.get(k);
    if (list) list.push(f);
    else groups.set(k, [f]);
  }
  return groups;
}

/** Bigger groups first, then by key (null — no article, no park, pool — last). */
function byLeadsThenKey<T extends { key: string | null; leads: number }>(a: T, b: T): number {
  if (b.leads !== a.leads) return b.leads - a.leads;
  if (a.key === null) return 1;
  if (b.key === null) return -1;
  return a.key < b.key ? -1 : a.key > b.key ? 1 : 0;
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

export function conversion(facts: LeadFact[], by: GroupBy): ConversionRow[] {
  return [...groupFacts(facts, by)]
    .map(([key, list]) => {
      const signed = list.filter(isSigned);
      return {
        key,
        leads: list.length,
        contacted: list.filter((f) => reached(f, 'contacted')).length,
        siteVisits: list.filter((f) => reached(f, 'site_visit')).length,
        signed: signed.length,
        conversionRate: rate(signed.length, list.length),
        signedInvestmentWan: sumWan(signed.map((f) => f.signedInvestmentWan)),
        signedAnnualTaxWan: sumWan(signed.map((f) => f.signedAnnualTaxWan)),
      };
    })
    .sort(byLeadsThenKey);
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

export function responseTimes(facts: LeadFact[], slaMinutes: number, by: GroupBy = 'consultant'): ResponseTimeRow[] {
  return [...groupFacts(facts, by)]
    .map(([key, list]) => {
      const minutes = list.map((f) => f.responseMinutes).filter((m): m is number => m !== null);
      const withinSla = minutes.filter((m) => m <= slaMinutes).length;
      return {
        key,
        leads: list.length,
        responded: minutes.length,
        medianMinutes: percentile(minutes, 0.5),
        p90Minutes: percentile(minutes, 0.9),
        withinSla,
        slaCompliance: rate(withinSla, list.length),
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

/** Every period from `from` up to (not including) `to`, in order. */
export function periodsBetween(from: Date, to: Date, interval: Interval, max = 1000): string[] {
  const out: string[] = [];
  const c = new Date(from.getTime() + CHINA_OFFSET_MS);
  let cursor = Date.UTC(c.getUTCFullYear(), c.getUTCMonth(), c.getUTCDate()) - CHINA_OFFSET_MS;
  while (cursor < to.getTime() && out.length <= max) {
    const p = periodOf(new Date(cursor), interval);
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

const inRange = (d: Date | null, from: Date, to: Date): d is Date => d !== null && d >= from && d < to;

/** New leads (by creation), signings (by signing date) and losses (by when lost) per period in [from, to). */
export function trend(facts: LeadFact[], interval: Interval, from: Date, to: Date): TrendRow[] {
  const rows = new Map(periodsBetween(from, to, interval).map((p) => [p, { period: p, newLeads: 0, signed: 0, lost: 0 }]));
  const bump = (d: Date | null, k: 'newLeads' | 'signed' | 'lost') => {
    if (!inRange(d, from, to)) return;
    const row = rows.get(periodOf(d, interval));
    if (row) row[k] += 1;
  };
  for (const f of facts) {
    bump(f.createdAt, 'newLeads');
    if (isSigned(f)) bump(f.signedAt, 'signed');
    if (f.stage === 'lost') bump(f.lostAt, 'lost');
  }
  return [...rows.values()];
}

export interface LostReasonRow {
  reason: string;
  count: number;
  /** count ÷ all lost leads */
  share: number | null;
  /** How many were lost at each stage. */
  atStage: Record<PipelineStage, number>;
}

/** Lost leads (lost in [from, to)) by reason and the stage they were lost at; every reason listed. */
export function lostReasons(facts: LeadFact[], from: Date, to: Date): { total: number; rows: LostReasonRow[] } {
  const lost = facts.filter((f) => f.stage === 'lost' && inRange(f.lostAt, from, to));
  const reasons: string[] = [...LOST_REASONS];
  for (const f of lost) if (f.lostReason && !reasons.includes(f.lostReason)) reasons.push(f.lostReason);
  const rows = reasons.map((reason) => {
    const list = lost.filter((f) => f.lostReason === reason);
    const atStage = Object.fromEntries(PIPELINE_STAGES.map((s) => [s, list.filter((f) => f.lostFromStage === s).length])) as Record<
      PipelineStage,
      number
    >;
    return { reason, count: list.length, share: rate(list.length, lost.length), atStage };
  });
  return { total: lost.length, rows };
}
