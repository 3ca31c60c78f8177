import { fmt } from './format.js';
import { needAreaText } from './filters.js';
import { MU_SQM, type LeadNeed, type ListingFacts, type MatchReason, type ParkFacts } from './types.js';

/** Weights of the soft score (sum 100). A component whose facts are missing scores half. */
export const WEIGHTS = { area: 30, price: 15, taxPerMu: 25, investIntensity: 10, focusIndustry: 10, region: 10 } as const;

export interface ScoreResult {
  score: number;
  reasons: MatchReason[];
}

const r = (code: string, ok: boolean, text_zh: string, text_en: string): MatchReason => ({ code, ok, text_zh, text_en });

/** Land area of a listing in 亩 (given, or from ㎡). */
export function listingMu(l: Pick<ListingFacts, 'areaMu' | 'areaSqm'>): number | null {
  if (l.areaMu !== null && l.areaMu > 0) return l.areaMu;
  if (l.areaSqm !== null && l.areaSqm > 0) return l.areaSqm / MU_SQM;
  return null;
}

/** The reason when explaining, else null: `make` (and the number formatting in it) runs only when the texts are wanted. */
const because = (explain: boolean, make: () => MatchReason): MatchReason | null => (explain ? make() : null);

/** Area fit: 1 at the centre of the need, falling linearly to 0.5 at its edges (and beyond). */
export function areaScore(need: LeadNeed, l: ListingFacts, explain = true): { part: number; reason: MatchReason | null } {
  const lo = need.areaSqmMin ?? need.areaSqmMax;
  const hi = need.areaSqmMax ?? need.areaSqmMin;
  if (lo === null || hi === null || l.areaSqm === null) return { part: 0.5, reason: null };
  const a = l.areaSqm;
  const needText = explain ? needAreaText(need) : '';
  if (a >= lo && a <= hi) {
    const centre = (lo + hi) / 2;
    const half = Math.max((hi - lo) / 2, 1);
    return {
      part: 1 - 0.2 * Math.min(Math.abs(a - centre) / half, 1),
      reason: because(explain, () =>
        r('area', true, `面积${fmt(a, 0)}㎡，在需求${needText}之内`, `Area ${fmt(a, 0)} m² is within the need of ${needText}`),
      ),
    };
  }
  const off = a < lo ? (lo - a) / lo : (a - hi) / hi;
  const part = Math.max(0, 0.8 - off * 2);
  const pct = Math.round(off * 100);
  return a < lo
    ? {
        part,
        reason: because(explain, () =>
          r(
            'area',
            true,
            `面积${fmt(a, 0)}㎡，比需求${needText}小${pct}%，在可接受范围内`,
            `Area ${fmt(a, 0)} m² is ${pct}% below the need of ${needText}, within tolerance`,
          ),
        ),
      }
    : {
        part,
        reason: because(explain, () =>
          r(
            'area',
            true,
            `面积${fmt(a, 0)}㎡，比需求${needText}大${pct}%，在可接受范围内`,
            `Area ${fmt(a, 0)} m² is ${pct}% above the need of ${needText}, within tolerance`,
          ),
        ),
      };
}

/** Price against budget, by deal: rent 元/㎡/月, sale 元/㎡, land 万元/亩. */
export function priceScore(need: LeadNeed, l: ListingFacts, explain = true): { part: number; reason: MatchReason | null } {
  const cases: { price: number | null; budget: number | null | undefined; unit: string; unitEn: string; label: string; labelEn: string }[] =
    [
      {
        price: l.rentYuanPerSqmMonth,
        budget: need.requirements.rentBudgetYuanPerSqmMonth,
        unit: '元/㎡/月',
        unitEn: 'yuan/m²/month',
        label: '租金',
        labelEn: 'Rent',
      },
      {
        price: l.salePriceYuanPerSqm,
        budget: need.requirements.saleBudgetYuanPerSqm,
        unit: '元/㎡',
        unitEn: 'yuan/m²',
        label: '售价',
        labelEn: 'Price',
      },
      {
        price: l.landPriceWanPerMu,
        budget: need.requirements.landBudgetWanPerMu,
        unit: '万元/亩',
        unitEn: '10k yuan/mu',
        label: '地价',
        labelEn: 'Land price',
      },
    ];
  const c = l.deal === 'rent' ? cases[0] : l.deal === 'sale' ? cases[1] : cases[2];
  const { price, budget } = c;
  if (price === null) return { part: 0.5, reason: null };
  if (budget === null || budget === undefined) {
    return {
      part: 0.5,
      reason: because(explain, () =>
        r(
          'price',
          true,
          `${c.label}${fmt(price, 2)}${c.unit}（客户未提预算）`,
          `${c.labelEn} ${fmt(price, 2)} ${c.unitEn} (no budget stated)`,
        ),
      ),
    };
  }
  if (price <= budget) {
    return {
      part: 1,
      reason: because(explain, () =>
        r(
          'price',
          true,
          `${c.label}${fmt(price, 2)}${c.unit}，在预算${fmt(budget, 2)}${c.unit}之内`,
          `${c.labelEn} ${fmt(price, 2)} ${c.unitEn} is within the budget of ${fmt(budget, 2)}`,
        ),
      ),
    };
  }
  const over = (price - budget) / budget;
  return {
    part: Math.max(0, 1 - over * 2),
    reason: because(explain, () =>
      r(
        'price',
        false,
        `${c.label}${fmt(price, 2)}${c.unit}，超出预算${fmt(budget, 2)}${c.unit}约${Math.round(over * 100)}%`,
        `${c.labelEn} ${fmt(price, 2)} ${c.unitEn} exceeds the budget of ${fmt(budget, 2)} by ${Math.round(over * 100)}%`,
      ),
    ),
  };
}

/** The stricter of the listing's and the park's threshold (listing values are the park's entry thresholds as recorded on it). */
function threshold(a: number | null | undefined, b: number | null | undefined): number | null {
  const xs = [a, b].filter((x): x is number => typeof x === 'number' && x > 0);
  return xs.length ? Math.max(...xs) : null;
}

/** 亩均税收: the investor's annual tax over the listing's land against the required 万元/亩. */
export function taxPerMuScore(
  need: LeadNeed,
  l: ListingFacts,
  park: ParkFacts | null,
  explain = true,
): { part: number; reason: MatchReason | null } {
  const min = threshold(l.minTaxPerMuWan, park?.minTaxPerMuWan);
  const mu = listingMu(l);
  if (need.annualTaxWan === null || mu === null) {
    if (min === null) return { part: 0.5, reason: null };
    return {
      part: 0.5,
      reason: because(explain, () =>
        r(
          'tax_per_mu',
          false,
          `园区要求亩均税收${fmt(min)}万元/亩，需要年税收才能判断`,
          `The park requires ${fmt(min)} (10k yuan)/mu of tax; the annual tax is needed to judge`,
        ),
      ),
    };
  }
  const perMu = need.annualTaxWan / mu;
  if (min === null) {
    return {
      part: 0.7,
      reason: because(explain, () =>
        r(
          'tax_per_mu',
          true,
          `预计亩均税收${fmt(perMu)}万元/亩（园区未设要求）`,
          `Expected tax ${fmt(perMu)} (10k yuan)/mu (no park threshold)`,
        ),
      ),
    };
  }
  if (perMu >= min) {
    return {
      part: 1,
      reason: because(explain, () =>
        r(
          'tax_per_mu',
          true,
          `预计亩均税收${fmt(perMu)}万元/亩，高于园区要求${fmt(min)}万元/亩`,
          `Expected tax ${fmt(perMu)} (10k yuan)/mu exceeds the park's ${fmt(min)}`,
        ),
      ),
    };
  }
  return {
    part: Math.max(0, perMu / min - 0.5),
    reason: because(explain, () =>
      r(
        'tax_per_mu',
        false,
        `预计亩均税收${fmt(perMu)}万元/亩，低于园区要求${fmt(min)}万元/亩`,
        `Expected tax ${fmt(perMu)} (10k yuan)/mu is below the park's ${fmt(min)}`,
      ),
    ),
  };
}

/** 投资强度: the investment over the listing's land against the required 万元/亩. */
export function investIntensityScore(
  need: LeadNeed,
  l: ListingFacts,
  park: ParkFacts | null,
  explain = true,
): { part: number; reason: MatchReason | null } {
  const min = threshold(l.minInvestIntensityWanPerMu, park?.minInvestIntensityWanPerMu);
  const mu = listingMu(l);
  if (min === null) return { part: 0.5, reason: null };
  if (need.investmentWan === null || mu === null) {
    return {
      part: 0.5,
      reason: because(explain, () =>
        r(
          'invest_intensity',
          false,
          `园区要求投资强度${fmt(min, 0)}万元/亩，需要投资额才能判断`,
          `The park requires ${fmt(min, 0)} (10k yuan)/mu of investment; the investment is needed to judge`,
        ),
      ),
    };
  }
  const perMu = need.investmentWan / mu;
  if (perMu >= min) {
    return {
      part: 1,
      reason: because(explain, () =>
        r(
          'invest_intensity',
          true,
          `预计投资强度${fmt(perMu)}万元/亩，达到园区要求${fmt(min, 0)}万元/亩`,
          `Investment intensity ${fmt(perMu)} (10k yuan)/mu meets the park's ${fmt(min, 0)}`,
        ),
      ),
    };
  }
  return {
    part: Math.max(0, perMu / min - 0.5),
    reason: because(explain, () =>
      r(
        'invest_intensity',
        false,
        `预计投资强度${fmt(perMu)}万元/亩，低于园区要求${fmt(min, 0)}万元/亩`,
        `Investment intensity ${fmt(perMu)} (10k yuan)/mu is below the park's ${fmt(min, 0)}`,
      ),
    ),
  };
}

/** Whether the park's focus industries include the lead's industry (by code prefix or by name). */
export function focusIndustryScore(need: LeadNeed, park: ParkFacts | null, explain = true): { part: number; reason: MatchReason | null } {
  if (!park || park.focusIndustries.length === 0) return { part: 0.5, reason: null };
  const code = need.industryCode?.toUpperCase() ?? null;
  const label = need.industryLabel ?? null;
  if (!code && !label) return { part: 0.5, reason: null };
  const hit = park.focusIndustries.find((f) => {
    const F = f.toUpperCase();
    if (code && /^[A-T]\d*$/.test(F) && (code.startsWith(F) || F.startsWith(code))) return true;
    return !!label && (f.includes(label) || label.includes(f));
  });
  const what = label ?? code ?? '';
  if (hit) {
    return {
      part: 1,
      reason: because(explain, () =>
        r(
          'focus_industry',
          true,
          `${park.name}主导产业含${hit}，与客户的${what}对口`,
          `${park.name} focuses on ${hit}, matching the investor's ${what}`,
        ),
      ),
    };
  }
  return {
    part: 0.2,
    reason: because(explain, () =>
      r(
        'focus_industry',
        false,
        `${park.name}主导产业为${park.focusIndustries.join('、')}，不含${what}`,
        `${park.name} focuses on ${park.focusIndustries.join(', ')}, not ${what}`,
      ),
    ),
  };
}

/** Region preference: the listing's region contains the one asked for (浙江省金华市 ⊇ 金华). */
export function regionScore(need: LeadNeed, l: ListingFacts, explain = true): { part: number; reason: MatchReason | null } {
  if (!need.region || !l.region) return { part: 0.5, reason: null };
  const want = need.region.replace(/[省市区县]$/, '');
  if (l.region.includes(want) || need.region.includes(l.region)) {
    return {
      part: 1,
      reason: because(explain, () =>
        r('region', true, `位于${l.region}，符合客户意向区域${need.region}`, `Located in ${l.region}, the region the investor prefers`),
      ),
    };
  }
  return {
    part: 0.2,
    reason: because(explain, () =>
      r('region', false, `位于${l.region}，不在客户意向区域${need.region}`, `Located in ${l.region}, outside the preferred ${need.region}`),
    ),
  };
}

/**
 * Soft score 0–100 with its reasons, for a listing that passed the hard filters. With `explain` false the
 * same score without the reasons (no text is built): for ranking many candidates of which few are shown.
 */
export function scoreListing(need: LeadNeed, l: ListingFacts, park: ParkFacts | null, explain = true): ScoreResult {
  const parts: [keyof typeof WEIGHTS, { part: number; reason: MatchReason | null }][] = [
    ['area', areaScore(need, l, explain)],
    ['price', priceScore(need, l, explain)],
    ['taxPerMu', taxPerMuScore(need, l, park, explain)],
    ['investIntensity', investIntensityScore(need, l, park, explain)],
    ['focusIndustry', focusIndustryScore(need, park, explain)],
    ['region', regionScore(need, l, explain)],
  ];
  let score = 0;
  const reasons: MatchReason[] = [];
  for (const [k, p] of parts) {
    score += WEIGHTS[k] * p.part;
    if (p.reason) reasons.push(p.reason);
  }
  return { score: Math.round(Math.min(100, Math.max(0, score))), reasons };
}
