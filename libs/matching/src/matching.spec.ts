import {
  areaWindow,
  evaluatePolicy,
  evaluateRule,
  hardFilter,
  rankListings,
  scoreListing,
  type LeadNeed,
  type ListingFacts,
  type ParkFacts,
} from './index.js';
import { focusIndustryScore, investIntensityScore, priceScore, regionScore, taxPerMuScore } from './score.js';
import { leadNeedOf } from './lead-need.js';
import { DEFAULT_POLICY_LIMIT, rankPolicies } from './policy-rank.js';

const need = (over: Partial<LeadNeed> = {}): LeadNeed => ({
  propertyType: 'factory',
  dealType: 'rent',
  areaSqmMin: 3000,
  areaSqmMax: 3000,
  industryCode: 'C36',
  industryLabel: '汽车零部件',
  annualTaxWan: 300,
  investmentWan: null,
  region: null,
  requirements: {},
  ...over,
});

const listing = (over: Partial<ListingFacts> = {}): ListingFacts => ({
  id: 'l1',
  kind: 'factory',
  deal: 'rent',
  status: 'available',
  areaSqm: 3200,
  areaMu: null,
  region: '浙江省金华市',
  clearHeightM: 8,
  floorLoadTPerSqm: 3,
  craneTons: 10,
  powerKva: 630,
  envApproved: true,
  rentYuanPerSqmMonth: 22,
  salePriceYuanPerSqm: null,
  landPriceWanPerMu: null,
  minTaxPerMuWan: 30,
  minInvestIntensityWanPerMu: null,
  allowedIndustries: [],
  parkId: 'p1',
  ...over,
});

const park: ParkFacts = {
  id: 'p1',
  name: '金华经济技术开发区',
  focusIndustries: ['新能源汽车', '汽车零部件'],
  minTaxPerMuWan: 30,
  minInvestIntensityWanPerMu: 200,
};

const codes = (n: LeadNeed, l: ListingFacts): string[] =>
  hardFilter(n, l)
    .reasons.filter((r) => !r.ok)
    .map((r) => r.code);

describe('hard filters', () => {
  it('passes a 3200㎡ rentable factory for a 3000㎡ rent need', () => {
    expect(hardFilter(need(), listing()).passed).toBe(true);
  });

  it('rules out another kind: land for a factory need', () => {
    const f = hardFilter(need(), listing({ kind: 'land', deal: 'land_transfer' }));
    expect(f.passed).toBe(false);
    expect(f.reasons.find((r) => r.code === 'kind')?.text_zh).toBe('载体是土地，需求是厂房');
  });

  it('lets a warehouse need use a factory but not the reverse', () => {
    expect(hardFilter(need({ propertyType: 'warehouse' }), listing()).passed).toBe(true);
    expect(codes(need(), listing({ kind: 'warehouse' }))).toContain('kind');
  });

  it('rules out a sale listing for a rent need and a rent listing for a buyer', () => {
    expect(codes(need(), listing({ deal: 'sale' }))).toEqual(['deal']);
    expect(codes(need({ dealType: 'buy' }), listing())).toEqual(['deal']);
    expect(hardFilter(need({ dealType: 'buy', propertyType: 'land' }), listing({ kind: 'land', deal: 'land_transfer' })).passed).toBe(true);
  });

  it('rules out sold, let and reserved listings', () => {
    for (const status of ['sold', 'let', 'reserved'] as const) expect(codes(need(), listing({ status }))).toEqual(['status']);
    expect(hardFilter(need(), listing({ status: 'sold' })).reasons[0].text_zh).toBe('载体已售出，不可租售');
  });

  it('applies a 20% area tolerance and says the limit', () => {
    expect(areaWindow({ areaSqmMin: 3000, areaSqmMax: 3000 })).toEqual({ min: 2400, max: 3600 });
    expect(areaWindow({ areaSqmMin: 2000, areaSqmMax: null })).toEqual({ min: 1600, max: 2400 });
    expect(hardFilter(need(), listing({ areaSqm: 2400 })).passed).toBe(true);
    const small = hardFilter(need(), listing({ areaSqm: 800 }));
    expect(small.passed).toBe(false);
    expect(small.reasons[0].text_zh).toBe('面积800㎡，小于需求3000㎡（允许偏差20%，至少2400㎡）');
    expect(codes(need(), listing({ areaSqm: 5000 }))).toEqual(['area']);
  });

  it('rules out a listing restricted to other industries, admits a prefix match', () => {
    expect(codes(need(), listing({ allowedIndustries: ['C27'] }))).toEqual(['industry']);
    expect(hardFilter(need({ industryCode: 'C3670' }), listing({ allowedIndustries: ['C36'] })).passed).toBe(true);
    expect(hardFilter(need({ industryCode: null }), listing({ allowedIndustries: ['C27'] })).passed).toBe(true);
  });

  it('needs 可环评 only where the usage needs it', () => {
    expect(codes(need({ requirements: { envApproval: true } }), listing({ envApproved: false }))).toEqual(['env']);
    expect(hardFilter(need(), listing({ envApproved: false })).passed).toBe(true);
    expect(hardFilter(need({ requirements: { envApproval: true } }), listing({ envApproved: null })).passed).toBe(true);
  });

  it('checks clear height, floor load, crane and power only when stated', () => {
    const n = need({ requirements: { clearHeightM: 9, floorLoadTPerSqm: 5, craneTons: 20, powerKva: 1000 } });
    expect(codes(n, listing())).toEqual(['clearHeightM', 'floorLoadTPerSqm', 'craneTons', 'powerKva']);
    expect(hardFilter(n, listing()).reasons[0].text_zh).toBe('层高8m，低于要求的9m');
    expect(hardFilter(need({ requirements: { craneTons: 5 } }), listing()).reasons.find((r) => r.code === 'craneTons')?.ok).toBe(true);
    expect(hardFilter(n, listing({ clearHeightM: null, floorLoadTPerSqm: null, craneTons: null, powerKva: null })).passed).toBe(true);
  });
});

describe('soft score', () => {
  it('says the area is within the need', () => {
    const s = scoreListing(need({ areaSqmMin: 2000, areaSqmMax: 4000 }), listing(), park);
    expect(s.reasons.find((r) => r.code === 'area')?.text_zh).toBe('面积3200㎡，在需求2000–4000㎡之内');
  });

  it('computes tax per mu against the park threshold', () => {
    // 3200㎡ = 4.8亩; 300万 / 4.8 = 62.5万/亩
    const t = taxPerMuScore(need(), listing(), park);
    expect(t.reason?.text_zh).toBe('预计亩均税收62.5万元/亩，高于园区要求30万元/亩');
    expect(t.part).toBe(1);
    const low = taxPerMuScore(need({ annualTaxWan: 100 }), listing(), park);
    expect(low.reason?.ok).toBe(false);
    expect(low.reason?.text_zh).toBe('预计亩均税收20.8万元/亩，低于园区要求30万元/亩');
    expect(taxPerMuScore(need({ annualTaxWan: null }), listing(), park).reason?.text_zh).toContain('需要年税收才能判断');
  });

  it('names the missing investment for investment intensity', () => {
    expect(investIntensityScore(need(), listing(), park).reason?.text_zh).toBe('园区要求投资强度200万元/亩，需要投资额才能判断');
    expect(investIntensityScore(need({ investmentWan: 1200 }), listing(), park).reason?.ok).toBe(true);
  });

  it('matches the park focus industry by name or code', () => {
    expect(focusIndustryScore(need(), park).reason?.text_zh).toBe('金华经济技术开发区主导产业含汽车零部件，与客户的汽车零部件对口');
    expect(focusIndustryScore(need({ industryLabel: null, industryCode: 'C3670' }), { ...park, focusIndustries: ['C36'] }).part).toBe(1);
    expect(focusIndustryScore(need({ industryLabel: '生物医药', industryCode: 'C27' }), park).reason?.ok).toBe(false);
  });

  it('scores price against budget and region preference', () => {
    expect(priceScore(need({ requirements: { rentBudgetYuanPerSqmMonth: 25 } }), listing()).reason?.text_zh).toBe(
      '租金22元/㎡/月，在预算25元/㎡/月之内',
    );
    expect(priceScore(need({ requirements: { rentBudgetYuanPerSqmMonth: 20 } }), listing()).reason?.ok).toBe(false);
    expect(regionScore(need({ region: '金华' }), listing()).part).toBe(1);
    expect(regionScore(need({ region: '宁波' }), listing()).reason?.ok).toBe(false);
  });

  it('keeps the score within 0–100 and ranks the closer fit first', () => {
    const near = listing({ id: 'a', areaSqm: 3050 });
    const far = listing({ id: 'b', areaSqm: 3550 });
    const r = rankListings(need(), [far, near, listing({ id: 'c', status: 'sold' })], new Map([['p1', park]]));
    expect(r.listings.map((x) => x.listing.id)).toEqual(['a', 'b']);
    expect(r.excluded.map((x) => x.listing.id)).toEqual(['c']);
    for (const x of r.listings) expect(x.score).toBeGreaterThanOrEqual(0);
    for (const x of r.listings) expect(x.score).toBeLessThanOrEqual(100);
  });
});

describe('policy eligibility', () => {
  const rule = {
    all: [
      { fact: 'investmentWan', op: '>=', value: 5000 },
      {
        any: [
          { fact: 'investIntensityWanPerMu', op: '>=', value: 200 },
          { fact: 'taxPerMuWan', op: '>=', value: 10 },
        ],
      },
    ],
  };

  it('is unknown and names the missing fact', () => {
    const e = evaluatePolicy({ id: 'p', title: 't', conditions: rule, amountWan: null, percent: 8, capWan: 5000 }, { taxPerMuWan: 62.5 });
    expect(e.eligible).toBe('unknown');
    expect(e.missing).toEqual(['investmentWan']);
    expect(e.reasons[0].text_zh).toBe('需要投资额才能判断');
    expect(e.estimatedBenefitWan).toBeNull();
  });

  it('is eligible when an OR branch holds, and estimates percent × base capped', () => {
    const e = evaluatePolicy(
      { id: 'p', title: 't', conditions: rule, amountWan: null, percent: 8, capWan: 500 },
      { investmentWan: 10000, taxPerMuWan: 62.5 },
    );
    expect(e.eligible).toBe(true);
    expect(e.estimatedBenefitWan).toBe(500);
  });

  it('is ineligible with the failing condition said', () => {
    const e = evaluatePolicy(
      { id: 'p', title: 't', conditions: rule, amountWan: 100, percent: null, capWan: null },
      { investmentWan: 3000, taxPerMuWan: 62.5 },
    );
    expect(e.eligible).toBe(false);
    expect(e.reasons[0].text_zh).toBe('投资额3000万元，不满足"投资额不低于5000万元"');
    expect(e.estimatedBenefitWan).toBeNull();
  });

  it('treats an empty rule as always eligible and supports not / prefix', () => {
    expect(evaluateRule({} as never, {}).result).toBe(true);
    expect(evaluateRule({ not: { fact: 'industryCode', op: 'prefix', value: ['B06'] } }, { industryCode: 'C36' }).result).toBe(true);
    expect(
      evaluatePolicy({ id: 'p', title: 't', conditions: null, amountWan: 50, percent: null, capWan: null }, {}).estimatedBenefitWan,
    ).toBe(50);
  });
});

describe('leadNeedOf', () => {
  it('reads the lead and both requirement key spellings', () => {
    const n = leadNeedOf({
      propertyType: 'factory',
      dealType: 'rent',
      areaSqmMin: 3000,
      areaSqmMax: 3000,
      industryCode: 'C36',
      industryName: '汽车零部件',
      annualTaxWan: 300,
      investmentWan: null,
      region: null,
      requirements: { floorLoadT: 2, craneT: 5, envApproval: true },
    });
    expect(n.requirements).toMatchObject({ floorLoadTPerSqm: 2, craneTons: 5, envApproval: true });
    expect(n.industryLabel).toBe('汽车零部件');
  });
});

describe('policy rules written by the knowledge base', () => {
  it('accepts and/or trees with word ops (gte, lt…)', () => {
    const rule = {
      and: [
        { fact: 'fixedAssetInvestmentWan', op: 'gte', value: 6000 },
        {
          or: [
            { fact: 'investIntensityWanPerMu', op: 'gte', value: 200 },
            { fact: 'taxPerMuWan', op: 'gte', value: 10 },
          ],
        },
      ],
    };
    expect(evaluateRule(rule, { fixedAssetInvestmentWan: 8000, taxPerMuWan: 12 }).result).toBe(true);
    expect(evaluateRule(rule, { fixedAssetInvestmentWan: 5000, taxPerMuWan: 12 }).result).toBe(false);
    const u = evaluatePolicy({ id: 'x', title: 't', conditions: rule, amountWan: null, percent: null, capWan: null }, { taxPerMuWan: 12 });
    expect(u.eligible).toBe('unknown');
    expect(u.reasons[0].text_zh).toBe('需要固定资产投资额才能判断');
  });
});

describe('policy ranking (rankPolicies)', () => {
  const pol = (id: string, eligible: boolean | 'unknown', benefit: number | null, parkId: string | null = 'p1') => ({
    id,
    policy: { parkId },
    eligible,
    estimatedBenefitWan: benefit,
  });

  it('puts eligible first, then unknown, then not eligible; larger benefit first; no benefit last', () => {
    const input = [
      pol('no-big', false, null),
      pol('unknown-10', 'unknown', 10),
      pol('yes-none', true, null),
      pol('yes-50', true, 50),
      pol('unknown-none', 'unknown', null),
      pol('yes-300', true, 300),
    ];
    const { policies, total } = rankPolicies(input, 20);
    expect(policies.map((p) => p.id)).toEqual(['yes-300', 'yes-50', 'yes-none', 'unknown-10', 'unknown-none', 'no-big']);
    expect(total).toBe(6);
  });

  it("puts a matched park's own before a region-wide one of the same standing, and otherwise keeps the given order", () => {
    const input = [pol('region-a', true, 20, null), pol('own-a', true, 20), pol('own-b', true, 20), pol('region-b', true, 20, null)];
    expect(rankPolicies(input).policies.map((p) => p.id)).toEqual(['own-a', 'own-b', 'region-a', 'region-b']);
  });

  it('caps at the limit (default 20), counts all, and leaves the input unchanged', () => {
    const input = Array.from({ length: 45 }, (_, i) => pol(`p${i}`, i % 3 === 0 ? true : 'unknown', i));
    const before = input.map((p) => p.id);
    const def = rankPolicies(input);
    expect(DEFAULT_POLICY_LIMIT).toBe(20);
    expect(def.policies).toHaveLength(20);
    expect(def.total).toBe(45);
    // the first are the eligible ones, largest benefit first
    expect(def.policies.slice(0, 3).map((p) => p.id)).toEqual(['p42', 'p39', 'p36']);
    expect(rankPolicies(input, 5).policies.map((p) => p.id)).toEqual(def.policies.slice(0, 5).map((p) => p.id));
    expect(rankPolicies(input, 0)).toEqual({ policies: [], total: 45 });
    expect(rankPolicies([], 20)).toEqual({ policies: [], total: 0 });
    expect(input.map((p) => p.id)).toEqual(before);
  });
});

describe('ranking without texts', () => {
  const park: ParkFacts = {
    id: 'p1',
    name: '金华园区',
    focusIndustries: ['汽车零部件'],
    minTaxPerMuWan: 30,
    minInvestIntensityWanPerMu: 200,
    region: '浙江省金华市',
  };
  const variants: Partial<ListingFacts>[] = [
    {},
    { id: 'l2', areaSqm: 2500, parkId: 'p1', rentYuanPerSqmMonth: 28.5 },
    { id: 'l3', areaSqm: 3600.4, region: '江苏省苏州市', minTaxPerMuWan: 70 },
    { id: 'l4', areaSqm: 800 },
    { id: 'l5', kind: 'land', deal: 'land_transfer', status: 'sold' },
    { id: 'l6', allowedIndustries: ['C27'] },
    { id: 'l7', allowedIndustries: ['C3'], clearHeightM: 6, parkId: 'p1' },
  ];
  const needs = [need(), need({ investmentWan: 5000, region: '金华', requirements: { clearHeightM: 8, envApproval: true } })];

  it('gives the same score and verdict with and without the reasons, and no reasons when not asked', () => {
    for (const n of needs)
      for (const v of variants) {
        const l = listing(v);
        const p = l.parkId ? park : null;
        expect(hardFilter(n, l, undefined, false)).toEqual({ passed: hardFilter(n, l).passed, reasons: [] });
        expect(scoreListing(n, l, p, false)).toEqual({ score: scoreListing(n, l, p).score, reasons: [] });
      }
  });

  it('makes each ranked and excluded listing’s reasons on reading, as the eager rules say them', () => {
    for (const n of needs) {
      const ls = variants.map((v) => listing(v));
      const r = rankListings(n, ls, new Map([['p1', park]]));
      expect(r.listings.length + r.excluded.length).toBe(ls.length);
      for (const x of r.listings) {
        const p = x.listing.parkId ? park : null;
        expect(x.reasons).toEqual([...scoreListing(n, x.listing, p).reasons, ...hardFilter(n, x.listing).reasons]);
        expect(x.reasons).toBe(x.reasons); // made once
      }
      for (const x of r.excluded) expect(x.reasons).toEqual(hardFilter(n, x.listing).reasons.filter((y) => !y.ok));
      // enumerable: serialised and compared like a plain property
      expect(Object.keys(r.listings[0] ?? { reasons: 1 })).toContain('reasons');
    }
  });
});
