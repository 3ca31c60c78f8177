import { Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { numericTransformer, preparedQuery } from '@app/database';
import { DomainError } from '@app/errors';
import { seesAllLeads, type AuthUser } from '@app/identity';
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
import { leadNeedOf, type LeadLike } from './lead-need.js';
import { evaluatePolicy, type PolicyFactValues, type PolicyFacts } from './policy.js';
import { DEFAULT_POLICY_LIMIT, rankPolicies } from './policy-rank.js';
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
  /** The most useful first (eligible, unknown, not eligible; larger benefit; the parks' own), at most `?policyLimit=`. */
  policies: PolicyMatch[];
  /** How many reviewed policies apply (the matched listings' parks' and region-wide ones), of which `policies` are the first. */
  policiesTotal: number;
}

export interface MatchOptions {
  /** Include the ruled-out listings (default true). */
  excluded?: boolean;
  /** Listings returned (default `DEFAULT_LIMIT`). */
  limit?: number;
  /** Policies returned, the most useful first (default `DEFAULT_POLICY_LIMIT`). */
  policyLimit?: number;
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
/** Policies read and evaluated per request (the parks' own first, newest first), of which the best `policyLimit` are returned. */
export const POLICIES_READ = 200;

/**
 * Matches for a lead, recomputed on every call (so a changed lead or listing, a reserved or let
 * listing, shows at once). Candidates come from SQL on the (kind, deal, status, area) index; the
 * rules and the score run in JS over those few rows.
 */
@Injectable()
export class MatchingService {
  private readonly logger = new Logger('Matching');

  constructor(
    private readonly listings: ListingsRepository,
    @InjectDataSource() private readonly ds: DataSource,
  ) {}

  async matchesForLead(leadId: string, user: AuthUser, opts: MatchOptions = {}): Promise<Matches> {
    const lead = await this.leadToMatch(leadId);
    if (!lead) throw DomainError.notFound('Lead', '线索');
    // Another consultant's lead does not exist for them (404, as everywhere else), rather than 403.
    if (!seesAllLeads(user) && lead.ownerId !== null && lead.ownerId !== user.id) throw DomainError.notFound('Lead', '线索');
    const need = leadNeedOf(lead);
    return this.match(leadId, need, opts);
  }

  /**
   * The lead's owner and the fields matching reads, in one prepared statement (not an entity through the query
   * builder: the whole row and TypeORM's query building cost more than the rest of the reads on this path).
   */
  private async leadToMatch(leadId: string): Promise<(LeadLike & { ownerId: string | null }) | null> {
    const [r] = await preparedQuery<Record<string, unknown>>(
      this.ds,
      `SELECT owner_id, property_type, deal_type, area_sqm_min, area_sqm_max, industry_code, industry_name, strategic_industry,
              annual_tax_wan, investment_wan, region, requirements
         FROM lead WHERE id = $1`,
      [leadId],
    );
    if (!r) return null;
    const dec = (v: unknown) => numericTransformer.from(v) as number | null;
    return {
      ownerId: str(r.owner_id),
      propertyType: str(r.property_type),
      dealType: str(r.deal_type),
      areaSqmMin: dec(r.area_sqm_min),
      areaSqmMax: dec(r.area_sqm_max),
      industryCode: str(r.industry_code),
      industryName: str(r.industry_name),
      strategicIndustry: str(r.strategic_industry),
      annualTaxWan: dec(r.annual_tax_wan),
      investmentWan: dec(r.investment_wan),
      region: str(r.region),
      requirements: (r.requirements as Record<string, unknown> | null) ?? {},
    };
  }

  async match(leadId: string, need: LeadNeed, opts: MatchOptions = {}): Promise<Matches> {
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
    for (const [id, row] of reads.parks) parks.set(id, this.parkFactsOf(row));
    const ranking = rankListings<Listing>(need, reads.candidates, parks);
    const top = ranking.listings.slice(0, opts.limit ?? DEFAULT_LIMIT);
    // Then one statement: the shown listings' holds and the policies of their parks.
    const [holds, evaluated, policiesTotal] = await this.holdsAndPolicies(
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

    const policies = rankPolicies(evaluated, opts.policyLimit ?? DEFAULT_POLICY_LIMIT).policies;
    return { leadId, listings, excluded, policies, policiesTotal };
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

  /** Park facts made once per park row: the repository hands out the same row object until the park changes. */
  private readonly parkFactsMemo = new WeakMap<Record<string, unknown>, ParkFacts>();
  private parkFactsOf(row: Record<string, unknown>): ParkFacts {
    let f = this.parkFactsMemo.get(row);
    if (!f) this.parkFactsMemo.set(row, (f = parkFacts(row)));
    return f;
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
   * Reviewed policies read before, by id, with the row version (`xmin`, new on every UPDATE) they were read at: a
   * later request that sees the same version reuses the parsed policy instead of transferring the row again.
   * Bounded: cleared when it outgrows `POLICY_CACHE_MAX`.
   */
  private readonly policyCache = new Map<string, { v: string; policy: CachedPolicy }>();
  static readonly POLICY_CACHE_MAX = 20_000;

  /**
   * One statement: the active holds of the shown listings, and the ids and row versions of the reviewed policies
   * of these parks and region-wide ones (no park) — at most `POLICIES_READ`, the parks' own first, newest first —
   * with how many apply. Policies not read before at that version are then read in full (one more statement; none
   * in the steady state). Each is evaluated for the facts. The policy table belongs to the knowledge base: without
   * it, or if reading it fails, no policies (and the holds are read alone).
   */
  private async holdsAndPolicies(
    ids: string[],
    parkIds: string[],
    facts: PolicyFactValues,
  ): Promise<[ActiveHold[], PolicyMatch[], number]> {
    const holdsSql = this.listings.activeHoldsJsonSql('$1', '$2');
    const applies = `status = 'reviewed' AND (park_id IS NULL OR park_id = ANY($3::uuid[]))`;
    type Row = { holds: unknown; policies?: { id: string; v: string }[] | null; policies_total?: number | null };
    const read = async (withPolicies: boolean) =>
      (
        await preparedQuery<Row>(
          this.ds,
          withPolicies
            ? `SELECT ${holdsSql} AS holds,
                      (SELECT json_agg(json_build_object('id', p.id, 'v', p.xmin::text) ORDER BY p.n)
                         FROM (SELECT id, xmin, row_number() OVER (ORDER BY park_id IS NULL, created_at DESC, id) AS n
                                 FROM policy WHERE ${applies}
                                -- at most POLICIES_READ: the matched parks' own first, then region-wide; newest first
                                ORDER BY park_id IS NULL, created_at DESC, id LIMIT ${POLICIES_READ}) p) AS policies,
                      (SELECT count(*)::int FROM policy WHERE ${applies}) AS policies_total`
            : `SELECT ${holdsSql} AS holds`,
          withPolicies ? [ids, new Date(), parkIds] : [ids, new Date()],
        )
      )[0];
    let row: Row;
    let policies: CachedPolicy[] = [];
    if (await this.tableExists('policy')) {
      try {
        row = await read(true);
        policies = await this.cachedPolicies(row.policies ?? []);
      } catch (e) {
        this.logger.warn(`policies unavailable: ${(e as Error).message}`);
        row = await read(false);
      }
    } else row = await read(false);
    const evaluated = policies.map((p) => this.policyMatch(p, facts));
    return [this.listings.holdsFromJson(row.holds), evaluated, Math.max(Number(row.policies_total ?? 0), evaluated.length)];
  }

  /** The policies at these versions, in this order: from the cache, the rest read in full (one statement) into it. */
  private async cachedPolicies(versions: { id: string; v: string }[]): Promise<CachedPolicy[]> {
    const stale = versions.filter((x) => this.policyCache.get(x.id)?.v !== x.v).map((x) => x.id);
    if (stale.length > 0) {
      const [r] = await preparedQuery<{ rows: { v: string; row: Record<string, unknown> }[] | null }>(
        this.ds,
        `SELECT json_agg(json_build_object('v', p.xmin::text,
                                           'row', json_build_object('id', p.id, 'title', p.title, 'park_id', p.park_id, 'kind', p.kind,
                                                                    'conditions', p.conditions, 'amount_wan', p.amount_wan, 'percent', p.percent,
                                                                    'cap_wan', p.cap_wan, 'base_fact', p.base_fact))) AS rows
           FROM policy p WHERE p.id = ANY($1::uuid[])`,
        [stale],
      );
      if (this.policyCache.size + stale.length > MatchingService.POLICY_CACHE_MAX) this.policyCache.clear();
      for (const x of r?.rows ?? []) this.policyCache.set(String(x.row.id), { v: x.v, policy: cachedPolicy(x.row) });
    }
    const out: CachedPolicy[] = [];
    for (const x of versions) {
      const c = this.policyCache.get(x.id);
      // Not there (deleted since the first statement): left out. A newer version than listed: the newer one.
      if (c) out.push(c.policy);
    }
    return out;
  }

  private policyMatch(c: CachedPolicy, facts: PolicyFactValues): PolicyMatch {
    const e = evaluatePolicy(c.facts, facts);
    return {
      policy: c.view,
      eligible: e.eligible,
      reasons: e.reasons,
      missing: e.missing,
      estimatedBenefitWan: e.estimatedBenefitWan,
    };
  }
}

/** A policy row as matching keeps it: the facts eligibility is evaluated on, and the view the API shows. */
interface CachedPolicy {
  facts: PolicyFacts;
  view: PolicyMatch['policy'];
}

function cachedPolicy(row: Record<string, unknown>): CachedPolicy {
  const facts: PolicyFacts = {
    id: String(row.id),
    title: str(row.title) ?? '',
    conditions: (row.conditions as PolicyFacts['conditions']) ?? null,
    amountWan: num(pick(row, 'amount_wan')),
    percent: num(pick(row, 'percent')),
    capWan: num(pick(row, 'cap_wan')),
    baseFact: str(pick(row, 'base_fact')),
  };
  return { facts, view: { id: facts.id, title: facts.title, parkId: str(row.park_id), kind: str(row.kind) } };
}
