import { Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { DomainError } from '@app/errors';
import { seesAllLeads, type AuthUser } from '@app/identity';
import { LeadsRepository } from '@app/leads';
import { ListingsRepository, listingView, type Listing, type ListingView } from '@app/listings';
import { areaWindow, compatibleDeals, compatibleKinds, hardFilter } from './filters.js';
import { leadNeedOf } from './lead-need.js';
import { evaluatePolicy, type PolicyFactValues, type PolicyFacts } from './policy.js';
import { rankListings } from './rank.js';
import { listingMu } from './score.js';
import { MU_SQM, type LeadNeed, type MatchReason, type ParkFacts } from './types.js';

export interface HoldView {
  leadId: string;
  until: string;
  heldByName: string | null;
  /** Held for this very lead (true) or for another one (撞单: false). */
  forThisLead: boolean;
}

export interface ListingMatch {
  listing: ListingView;
  score: number;
  reasons: MatchReason[];
  hold: HoldView | null;
}

export interface PolicyMatch {
  policy: { id: string; title: string; parkId: string | null; kind: string | null };
  eligible: boolean | 'unknown';
  reasons: MatchReason[];
  missing: string[];
  estimatedBenefitWan: number | null;
}

export interface Matches {
  leadId: string;
  listings: ListingMatch[];
  excluded: { listing: ListingView; reasons: MatchReason[] }[];
  policies: PolicyMatch[];
}

const str = (v: unknown): string | null => (typeof v === 'string' ? v : null);
const num = (v: unknown): number | null =>
  v === null || v === undefined || v === '' ? null : Number.isFinite(Number(v)) ? Number(v) : null;
const strings = (v: unknown): string[] => {
  if (Array.isArray(v))
    return v
      .map((x) =>
        typeof x === 'string'
          ? x
          : typeof x === 'object' && x
            ? String((x as Record<string, unknown>).name ?? (x as Record<string, unknown>).code ?? '')
            : String(x),
      )
      .filter(Boolean);
  if (typeof v === 'string')
    return v
      .split(/[,，、;；]/)
      .map((s) => s.trim())
      .filter(Boolean);
  return [];
};
const pick = (row: Record<string, unknown>, ...keys: string[]): unknown =>
  keys.map((k) => row[k]).find((v) => v !== undefined && v !== null);

/**
 * Matches for a lead, recomputed on every call (so a changed lead or listing, a reserved or let
 * listing, shows at once). Candidates come from SQL on the (kind, deal, status, area) index; the
 * rules and the score run in JS over those few rows.
 */
@Injectable()
export class MatchingService {
  private readonly logger = new Logger('Matching');

  constructor(
    private readonly leads: LeadsRepository,
    private readonly listings: ListingsRepository,
    @InjectDataSource() private readonly ds: DataSource,
  ) {}

  async matchesForLead(leadId: string, user: AuthUser, opts: { excluded?: boolean; limit?: number } = {}): Promise<Matches> {
    const lead = await this.leads.findById(leadId);
    if (!lead) throw DomainError.notFound('Lead', '线索');
    // Another consultant's lead does not exist for them (404, as everywhere else), rather than 403.
    if (!seesAllLeads(user) && lead.ownerId !== null && lead.ownerId !== user.id) throw DomainError.notFound('Lead', '线索');
    const need = leadNeedOf(lead);
    return this.match(leadId, need, opts);
  }

  async match(leadId: string, need: LeadNeed, opts: { excluded?: boolean; limit?: number } = {}): Promise<Matches> {
    const win = areaWindow(need);
    const lo = need.areaSqmMin ?? need.areaSqmMax;
    const hi = need.areaSqmMax ?? need.areaSqmMin;
    const centre = lo !== null && hi !== null ? (lo + hi) / 2 : 0;
    // Independent reads in parallel: candidates, and the nearby listings that explain what was ruled out.
    const [candidates, nearbyRows] = await Promise.all([
      this.listings.candidates(compatibleKinds(need.propertyType), compatibleDeals(need.dealType), win.min, win.max),
      opts.excluded !== false ? this.listings.nearestByArea(centre, 10) : Promise.resolve([] as Listing[]),
    ]);
    const parks = await this.parks([...new Set(candidates.map((c) => c.parkId).filter((x): x is string => !!x))]);
    const ranking = rankListings<Listing>(need, candidates, parks);
    const top = ranking.listings.slice(0, opts.limit ?? 20);
    const [holds, policies] = await Promise.all([
      this.listings.activeHolds(top.map((x) => x.listing.id)),
      this.policies(
        [...new Set(top.map((x) => x.listing.parkId).filter((x): x is string => !!x))],
        this.policyFacts(need, top[0]?.listing),
      ),
    ]);
    const holdOf = new Map(holds.map((h) => [h.listingId, h]));

    const listings: ListingMatch[] = top.map((x) => {
      const h = holdOf.get(x.listing.id);
      const hold: HoldView | null = h
        ? { leadId: h.leadId, until: h.until.toISOString(), heldByName: h.heldBy?.name ?? null, forThisLead: h.leadId === leadId }
        : null;
      const reasons = [...x.reasons];
      if (hold && !hold.forThisLead) {
        reasons.unshift({
          code: 'held',
          ok: false,
          text_zh: `已被${hold.heldByName ?? '其他顾问'}为另一客户保留至${hold.until.slice(0, 10)}（避免撞单）`,
          text_en: `Held for another lead by ${hold.heldByName ?? 'another consultant'} until ${hold.until.slice(0, 10)}`,
        });
      }
      return { listing: listingView(x.listing), score: x.score, reasons, hold };
    });

    let excluded: Matches['excluded'] = [];
    if (opts.excluded !== false) {
      // Candidates the JS rules ruled out (spec too low, industry, 环评), then nearby listings SQL left out.
      excluded = ranking.excluded.slice(0, 20).map((x) => ({ listing: listingView(x.listing), reasons: x.reasons }));
      const ids = new Set(candidates.map((c) => c.id));
      const nearby = nearbyRows
        .filter((l) => !ids.has(l.id))
        .map((l) => ({ l, f: hardFilter(need, l) }))
        .filter((x) => !x.f.passed)
        .map((x) => ({ listing: listingView(x.l), reasons: x.f.reasons.filter((r) => !r.ok) }));
      excluded.push(...nearby);
    }

    return { leadId, listings, excluded, policies };
  }

  /** The facts policy conditions are evaluated on; 亩均税收 and 投资强度 on the best listing. */
  private policyFacts(need: LeadNeed, best: Listing | undefined): PolicyFactValues {
    const facts: PolicyFactValues = {
      investmentWan: need.investmentWan,
      annualTaxWan: need.annualTaxWan,
      industryCode: need.industryCode,
      propertyType: need.propertyType,
      dealType: need.dealType,
      areaSqm: need.areaSqmMax ?? need.areaSqmMin,
      areaMu: (need.areaSqmMax ?? need.areaSqmMin) ? (need.areaSqmMax ?? need.areaSqmMin)! / MU_SQM : null,
    };
    facts.landAreaMu = facts.areaMu;
    if (best && need.annualTaxWan !== null) {
      const mu = listingMu(best);
      if (mu) facts.taxPerMuWan = Number((need.annualTaxWan / mu).toFixed(2));
      if (mu && need.investmentWan !== null) facts.investIntensityWanPerMu = Number((need.investmentWan / mu).toFixed(2));
    }
    return facts;
  }

  /** Whether the knowledge base's table is there; a yes is remembered, a no is asked again after a minute. */
  private readonly tables = new Map<string, number>();
  private async tableExists(name: string): Promise<boolean> {
    const known = this.tables.get(name);
    if (known === Infinity || (known !== undefined && known > Date.now())) return known === Infinity;
    const rows: { t: string | null }[] = await this.ds.query(`SELECT to_regclass($1)::text AS t`, [`public.${name}`]);
    const exists = !!rows[0]?.t;
    this.tables.set(name, exists ? Infinity : Date.now() + 60_000);
    return exists;
  }

  /** Park facts from the knowledge base's `park` table (when it exists). */
  private async parks(ids: string[]): Promise<Map<string, ParkFacts>> {
    const out = new Map<string, ParkFacts>();
    if (ids.length === 0 || !(await this.tableExists('park'))) return out;
    try {
      const rows: Record<string, unknown>[] = await this.ds.query(`SELECT * FROM park WHERE id = ANY($1::uuid[])`, [ids]);
      for (const row of rows) {
        out.set(String(row.id), {
          id: String(row.id),
          name: str(row.name) ?? '',
          focusIndustries: [
            ...strings(pick(row, 'focus_industries', 'focusIndustries')),
            ...strings(pick(row, 'focus_industry_codes', 'industry_codes')),
          ],
          minTaxPerMuWan: num(pick(row, 'min_tax_per_mu_wan')),
          minInvestIntensityWanPerMu: num(pick(row, 'min_invest_intensity_wan_per_mu')),
          region: str(pick(row, 'region')),
        });
      }
    } catch (e) {
      this.logger.warn(`park facts unavailable: ${(e as Error).message}`);
    }
    return out;
  }

  /** Reviewed policies of these parks and region-wide ones (no park), evaluated for the facts. */
  private async policies(parkIds: string[], facts: PolicyFactValues): Promise<PolicyMatch[]> {
    if (!(await this.tableExists('policy'))) return [];
    let rows: Record<string, unknown>[];
    try {
      rows = await this.ds.query(
        `SELECT * FROM policy WHERE status = 'reviewed' AND (park_id IS NULL OR park_id = ANY($1::uuid[])) LIMIT 200`,
        [parkIds],
      );
    } catch (e) {
      this.logger.warn(`policies unavailable: ${(e as Error).message}`);
      return [];
    }
    return rows.map((row) => {
      const p: PolicyFacts = {
        id: String(row.id),
        title: str(row.title) ?? '',
        conditions: (row.conditions as PolicyFacts['conditions']) ?? null,
        amountWan: num(pick(row, 'amount_wan')),
        percent: num(pick(row, 'percent')),
        capWan: num(pick(row, 'cap_wan')),
        baseFact: str(pick(row, 'base_fact')),
      };
      const e = evaluatePolicy(p, facts);
      return {
        policy: { id: p.id, title: p.title, parkId: str(row.park_id), kind: str(row.kind) },
        eligible: e.eligible,
        reasons: e.reasons,
        missing: e.missing,
        estimatedBenefitWan: e.estimatedBenefitWan,
      };
    });
  }
}
