import { hardFilter, AREA_TOLERANCE } from './filters.js';
import { scoreListing } from './score.js';
import type { LeadNeed, ListingFacts, MatchReason, ParkFacts } from './types.js';

export interface RankedListing<L extends ListingFacts> {
  listing: L;
  score: number;
  reasons: MatchReason[];
}

export interface Ranking<L extends ListingFacts> {
  listings: RankedListing<L>[];
  excluded: { listing: L; reasons: MatchReason[] }[];
}

/**
 * Filters then scores: ranked best first (ties: larger area fit first by id for stability); excluded keep only the reasons against.
 * The rules and the score run on every listing, but each one's reasons (texts) are made only when read, once: a caller shows
 * the first few of a couple of hundred candidates.
 */
export function rankListings<L extends ListingFacts>(
  need: LeadNeed,
  listings: L[],
  parks: Map<string, ParkFacts>,
  tolerance = AREA_TOLERANCE,
): Ranking<L> {
  const ranked: RankedListing<L>[] = [];
  const excluded: { listing: L; reasons: MatchReason[] }[] = [];
  for (const l of listings) {
    if (!hardFilter(need, l, tolerance, false).passed) {
      excluded.push(lazyReasons({ listing: l }, () => hardFilter(need, l, tolerance).reasons.filter((x) => !x.ok)));
      continue;
    }
    const park = l.parkId ? (parks.get(l.parkId) ?? null) : null;
    const score = scoreListing(need, l, park, false).score;
    ranked.push(
      lazyReasons({ listing: l, score }, () => [...scoreListing(need, l, park).reasons, ...hardFilter(need, l, tolerance).reasons]),
    );
  }
  ranked.sort((a, b) => b.score - a.score || a.listing.id.localeCompare(b.listing.id));
  return { listings: ranked, excluded };
}

/** `o` with an enumerable `reasons` made by `make` on first read and kept. */
function lazyReasons<T extends object>(o: T, make: () => MatchReason[]): T & { reasons: MatchReason[] } {
  let reasons: MatchReason[] | undefined;
  return Object.defineProperty(o, 'reasons', {
    enumerable: true,
    get: () => (reasons ??= make()),
  }) as T & { reasons: MatchReason[] };
}
