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

/** Filters then scores: ranked best first (ties: larger area fit first by id for stability); excluded keep only the reasons against. */
export function rankListings<L extends ListingFacts>(
  need: LeadNeed,
  listings: L[],
  parks: Map<string, ParkFacts>,
  tolerance = AREA_TOLERANCE,
): Ranking<L> {
  const ranked: RankedListing<L>[] = [];
  const excluded: { listing: L; reasons: MatchReason[] }[] = [];
  for (const l of listings) {
    const f = hardFilter(need, l, tolerance);
    if (!f.passed) {
      excluded.push({ listing: l, reasons: f.reasons.filter((x) => !x.ok) });
      continue;
    }
    const park = l.parkId ? (parks.get(l.parkId) ?? null) : null;
    const s = scoreListing(need, l, park);
    ranked.push({ listing: l, score: s.score, reasons: [...s.reasons, ...f.reasons] });
  }
  ranked.sort((a, b) => b.score - a.score || a.listing.id.localeCompare(b.listing.id));
  return { listings: ranked, excluded };
}
