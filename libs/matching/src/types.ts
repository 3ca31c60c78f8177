/** What matching needs to know about an investor's request (from a lead). */
export interface LeadNeed {
  propertyType: 'factory' | 'land' | 'office' | 'warehouse' | null;
  dealType: 'rent' | 'buy' | null;
  areaSqmMin: number | null;
  areaSqmMax: number | null;
  /** GB/T 4754 code, e.g. C36. */
  industryCode: string | null;
  /** Industry name or 战略性新兴产业 label, e.g. 汽车零部件 / 新能源汽车. */
  industryLabel: string | null;
  annualTaxWan: number | null;
  investmentWan: number | null;
  region: string | null;
  requirements: {
    clearHeightM?: number | null;
    floorLoadTPerSqm?: number | null;
    craneTons?: number | null;
    powerKva?: number | null;
    envApproval?: boolean | null;
    /** 租金预算 元/㎡/月 */
    rentBudgetYuanPerSqmMonth?: number | null;
    /** 售价预算 元/㎡ */
    saleBudgetYuanPerSqm?: number | null;
    /** 地价预算 万元/亩 */
    landBudgetWanPerMu?: number | null;
  };
}

/** What matching needs to know about a listing (载体). */
export interface ListingFacts {
  id: string;
  kind: 'factory' | 'land' | 'office' | 'warehouse';
  deal: 'rent' | 'sale' | 'land_transfer';
  status: 'available' | 'reserved' | 'let' | 'sold';
  areaSqm: number | null;
  areaMu: number | null;
  region: string | null;
  clearHeightM: number | null;
  floorLoadTPerSqm: number | null;
  craneTons: number | null;
  powerKva: number | null;
  envApproved: boolean | null;
  rentYuanPerSqmMonth: number | null;
  salePriceYuanPerSqm: number | null;
  landPriceWanPerMu: number | null;
  minTaxPerMuWan: number | null;
  minInvestIntensityWanPerMu: number | null;
  allowedIndustries: string[];
  parkId: string | null;
}

/** What matching needs to know about a park (园区). */
export interface ParkFacts {
  id: string;
  name: string;
  /** Focus industries: names and/or GB/T 4754 codes. */
  focusIndustries: string[];
  minTaxPerMuWan: number | null;
  minInvestIntensityWanPerMu: number | null;
  region?: string | null;
}

/** One reason, said the way a consultant would say it. */
export interface MatchReason {
  code: string;
  /** true = in favour, false = against (or rules the listing out). */
  ok: boolean;
  text_zh: string;
  text_en: string;
}

export const MU_SQM = 10000 / 15; // 1 亩 = 666.67 ㎡
