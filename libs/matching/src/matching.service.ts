import { Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { preparedQuery } from '@app/database';
import { DomainError } from '@app/errors';
import { seesAllLeads, type AuthUser } from '@app/identity';
import { LeadsRepository } from '@app/leads';
import {
  ListingsRepository,
  listingSummary,
  listingView,
  type ActiveHold,
  type Listing,
  type ListingSummary,
  type ListingView,
} from '@app/listings';
import { areaWindow, compatibleDeals, compatibleKinds, hardFilter } from './filters.js';
import { leadNeedOf } from './lead-need.js';
import { evaluatePolicy, type PolicyFactValues, type PolicyFacts } from './policy.js';
import { rankListings } from './rank.js';
import { listingMu } from './score.js';
import { MU_SQM, type LeadNeed, type ListingFacts, type MatchReason, type ParkFacts } from './types.js';

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
  /** Listings ruled out near the need, named (not in full), each with the reasons against it. */
  excluded: { listing: ListingSummary; reasons: MatchReason[] }[];
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

/** Park facts from a row of the knowledge base's `park` table (column names tolerated in either case). */
function parkFacts(row: Record<string, unknown>): ParkFacts {
  return {
    id: String(row.id),
    name: str(row.name) ?? '',
    focusIndustries: [
      ...strings(pick(row, 'focus_industries', 'focusIndustries')),
      ...strings(pick(row, 'focus_industry_codes', 'industry_codes')),
    ],
    minTaxPerMuWan: num(pick(row, 'min_tax_per_mu_wan')),
    minInvestIntensityWanPerMu: num(pick(row, 'min_invest_intensity_wan_per_mu')),
    region: str(pick(row, 'region')),
  };
}

/** Candidates read on each side of the wanted area, nearest first (the rest of the area window is not scored). */
export const CANDIDATES_PER_SIDE = 100;
/** Listings of any kind or status read on each side of the wanted area to explain what was ruled out. */
export const NEARBY_PER_SIDE = 10;
/** Listings returned when the request does not say (`?limit=`). */
export const DEFAULT_LIMIT = 20;
/** At most this many candidates the rules ruled out are listed (besides the nearby ones). */
export const EXCLUDED_CANDIDATES = 20;

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
    const withExcluded = opts.excluded !== false;
    // The candidates, the nearby listings that explain what was ruled out, the candidates' parks: one statement of ids and row
    // versions, and one more only for rows not read before at that version.
    const reads = await this.listings.matchReads({
      kinds: compatibleKinds(need.propertyType),
      deals: compatibleDeals(need.dealType),
      areaMin: win.min,
      areaMax: win.max,
      perSide: CANDIDATES_PER_SIDE,
      nearby: withExcluded ? { centre, perSide: NEARBY_PER_SIDE } : null,
      withPark: await this.tableExists('park'),
    });
    const parks = new Map<string, ParkFacts>();
    for (const [id, row] of reads.parks) parks.set(id, parkFacts(row));
    const ranking = rankListings<Listing>(need, reads.candidates, parks);
    const top = ranking.listings.slice(0, opts.limit ?? DEFAULT_LIMIT);
    // Then one statement: the shown listings' holds and the policies of their parks.
    const [holds, policies] = await this.holdsAndPolicies(
      top.map((x) => x.listing.id),
      [...new Set(top.map((x) => x.listing.parkId).filter((x): x is string => !!x))],
      this.policyFacts(need, top[0]?.listing),
    );
    // The newest active hold of each listing (they come oldest first).
    const holdOf = new Map(holds.map((h) => [h.listingId, h]));

    const listings: ListingMatch[] = [];
    for (const x of top) {
      const h = holdOf.get(x.listing.id);
      const hold: HoldView | null = h
        ? { leadId: h.leadId, until: h.until.toISOString(), heldByName: h.heldByName, forThisLead: h.leadId === leadId }
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
      listings.push({ listing: this.view(x.listing), score: x.score, reasons, hold });
    }

    let excluded: Matches['excluded'] = [];
    if (withExcluded) {
      // Candidates the JS rules ruled out (spec too low, industry, 环评), then nearby listings SQL left out; named, not shown in full.
      excluded = ranking.excluded.slice(0, EXCLUDED_CANDIDATES).map((x) => ({ listing: listingSummary(x.listing), reasons: x.reasons }));
      const ids = new Set(reads.candidates.map((c) => c.id));
      for (const l of reads.nearby) {
        if (ids.has(l.id)) continue;
        const f = hardFilter(need, l);
        if (!f.passed) excluded.push({ listing: listingSummary(l), reasons: f.reasons.filter((r) => !r.ok) });
      }
    }

    return { leadId, listings, excluded, policies };
  }

  /**
   * The API view of a listing, made once per entity: the repository hands out the same entity object
   * until the row changes (a new version is a new object), and views are only serialised, never changed.
   */
  private readonly views = new WeakMap<Listing, ListingView>();
  private view(l: Listing): ListingView {
    let v = this.views.get(l);
    if (!v) this.views.set(l, (v = listingView(l)));
    return v;
  }

  /** The facts policy conditions are evaluated on; 亩均税收 and 投资强度 on the best listing. */
  private policyFacts(need: LeadNeed, best: Pick<ListingFacts, 'areaMu' | 'areaSqm'> | undefined): PolicyFactValues {
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

  /**
   * One statement: the active holds of the shown listings, and the reviewed policies of these parks
   * and region-wide ones (no park), evaluated for the facts. The policy table belongs to the knowledge
   * base: without it, or if reading it fails, no policies (and the holds are read alone).
   */
  private async holdsAndPolicies(ids: string[], parkIds: string[], facts: PolicyFactValues): Promise<[ActiveHold[], PolicyMatch[]]> {
    const holdsSql = this.listings.activeHoldsJsonSql('$1', '$2');
    const read = async (withPolicies: boolean) =>
      (
        await preparedQuery<{ holds: unknown; policies?: Record<string, unknown>[] | null }>(
          this.ds,
          withPolicies
            ? `SELECT ${holdsSql} AS holds,
                      (SELECT json_agg(p) FROM (SELECT id, title, park_id, kind, conditions, amount_wan, percent, cap_wan, base_fact
                                                  FROM policy WHERE status = 'reviewed' AND (park_id IS NULL OR park_id = ANY($3::uuid[]))
                                                 -- at most 200: the matched parks' own first, then region-wide; newest first
                                                 ORDER BY park_id IS NULL, created_at DESC, id LIMIT 200) p) AS policies`
            : `SELECT ${holdsSql} AS holds`,
          withPolicies ? [ids, new Date(), parkIds] : [ids, new Date()],
        )
      )[0];
    let row: { holds: unknown; policies?: Record<string, unknown>[] | null };
    if (await this.tableExists('policy')) {
      try {
        row = await read(true);
      } catch (e) {
        this.logger.warn(`policies unavailable: ${(e as Error).message}`);
        row = await read(false);
      }
    } else row = await read(false);
    return [this.listings.holdsFromJson(row.holds), (row.policies ?? []).map((r) => this.policyMatch(r, facts))];
  }

  private policyMatch(row: Record<string, unknown>, facts: PolicyFactValues): PolicyMatch {
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
  }
}
