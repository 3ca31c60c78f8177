/** What ordering policies for a consultant needs to know about each evaluated policy. */
export interface RankablePolicy {
  policy: { parkId: string | null };
  eligible: boolean | 'unknown';
  estimatedBenefitWan: number | null;
}

/** Policies returned when the request does not say (`?policyLimit=`). */
export const DEFAULT_POLICY_LIMIT = 20;

const ELIGIBILITY_ORDER = (e: boolean | 'unknown'): number => (e === true ? 0 : e === 'unknown' ? 1 : 2);

/**
 * The most useful policies first, at most `limit` of them, and how many there were: eligible, then
 * unknown (a fact is missing), then not eligible; within each, the larger estimated benefit first (none
 * last); then a matched park's own before a region-wide one (no park); ties keep the order given (the
 * caller's: newest first). Pure: the input is not changed.
 */
export function rankPolicies<P extends RankablePolicy>(
  policies: readonly P[],
  limit: number = DEFAULT_POLICY_LIMIT,
): { policies: P[]; total: number } {
  const ranked = policies
    .map((p, i) => ({ p, i }))
    .sort(
      (a, b) =>
        ELIGIBILITY_ORDER(a.p.eligible) - ELIGIBILITY_ORDER(b.p.eligible) ||
        (b.p.estimatedBenefitWan ?? -Infinity) - (a.p.estimatedBenefitWan ?? -Infinity) ||
        (a.p.policy.parkId === null ? 1 : 0) - (b.p.policy.parkId === null ? 1 : 0) ||
        a.i - b.i,
    )
    .slice(0, Math.max(0, limit))
    .map((x) => x.p);
  return { policies: ranked, total: policies.length };
}
