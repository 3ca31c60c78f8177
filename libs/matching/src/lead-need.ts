import type { LeadNeed } from './types.js';

/** The lead fields matching reads (a structural subset of the Lead entity). */
export interface LeadLike {
  propertyType: string | null;
  dealType: string | null;
  areaSqmMin: number | null;
  areaSqmMax: number | null;
  industryCode: string | null;
  industryName?: string | null;
  strategicIndustry?: string | null;
  annualTaxWan: number | null;
  investmentWan: number | null;
  region: string | null;
  requirements: Record<string, unknown>;
  parsed?: Record<string, unknown>;
}

const n = (v: unknown): number | null =>
  typeof v === 'number' && Number.isFinite(v)
    ? v
    : typeof v === 'string' && v.trim() !== '' && Number.isFinite(Number(v))
      ? Number(v)
      : null;

/** A lead as matching sees it. Requirement keys accept both the long and short names. */
export function leadNeedOf(lead: LeadLike): LeadNeed {
  const q = lead.requirements ?? {};
  const pt = lead.propertyType;
  const dt = lead.dealType;
  return {
    propertyType: pt === 'factory' || pt === 'land' || pt === 'office' || pt === 'warehouse' ? pt : null,
    dealType: dt === 'rent' || dt === 'buy' ? dt : dt === 'sale' ? 'buy' : null,
    areaSqmMin: lead.areaSqmMin,
    areaSqmMax: lead.areaSqmMax,
    industryCode: lead.industryCode,
    industryLabel: lead.industryName ?? lead.strategicIndustry ?? null,
    annualTaxWan: lead.annualTaxWan,
    investmentWan: lead.investmentWan,
    region: lead.region,
    requirements: {
      clearHeightM: n(q.clearHeightM),
      floorLoadTPerSqm: n(q.floorLoadTPerSqm ?? q.floorLoadT),
      craneTons: n(q.craneTons ?? q.craneT),
      powerKva: n(q.powerKva),
      envApproval: q.envApproval === true ? true : q.envApproval === false ? false : null,
      rentBudgetYuanPerSqmMonth: n(q.rentBudgetYuanPerSqmMonth),
      saleBudgetYuanPerSqm: n(q.saleBudgetYuanPerSqm),
      landBudgetWanPerMu: n(q.landBudgetWanPerMu),
    },
  };
}
