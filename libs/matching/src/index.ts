export { MU_SQM, type LeadNeed, type ListingFacts, type ParkFacts, type MatchReason } from './types.js';
export {
  AREA_TOLERANCE,
  areaWindow,
  compatibleDeals,
  compatibleKinds,
  hardFilter,
  industryAllowed,
  needAreaText,
  type FilterResult,
} from './filters.js';
export {
  WEIGHTS,
  areaScore,
  focusIndustryScore,
  investIntensityScore,
  listingMu,
  priceScore,
  regionScore,
  scoreListing,
  taxPerMuScore,
  type ScoreResult,
} from './score.js';
export {
  FACT_NAMES,
  evaluatePolicy,
  evaluateRule,
  type PolicyEligibility,
  type PolicyFactValues,
  type PolicyFacts,
  type Rule,
  type RuleOutcome,
} from './policy.js';
export { rankListings, type RankedListing, type Ranking } from './rank.js';
export { DEFAULT_POLICY_LIMIT, rankPolicies, type RankablePolicy } from './policy-rank.js';
export { leadNeedOf, type LeadLike } from './lead-need.js';
export {
  MatchingService,
  POLICIES_READ,
  type Matches,
  type MatchOptions,
  type ListingMatch,
  type PolicyMatch,
  type HoldView,
} from './matching.service.js';
export { MatchingModule } from './matching.module.js';
