import type { DealType, PropertyType } from '../lead.entity.js';
import { parseArea, SQM_PER_MU, type AreaUnit } from './area.js';
import { classifyIndustry, classifyStrategicIndustry } from './industry.js';
import { parseInvestment, parseTax } from './money.js';
import { parseDealType, parsePropertyType } from './property.js';
import { parseRegion } from './region.js';
import { parseRequirements, type ParsedRequirements } from './requirements.js';
import { round } from './text.js';

/** The structured need (需求) intake derives from the investor's words. */
export interface ParsedNeed {
  propertyType: PropertyType | null;
  dealType: DealType | null;
  /** ㎡ range (null bound = open), with the range and unit as written. */
  areaSqm: { min: number | null; max: number | null } | null;
  area: { min: number | null; max: number | null; unit: AreaUnit; raw: string } | null;
  areaUnit: AreaUnit | null;
  industry: { code: string; name: string } | null;
  strategicIndustry: string | null;
  annualTaxWan: number | null;
  investmentWan: number | null;
  /** 亩均税收 (万元/亩): as written, or annual tax ÷ 亩 when the area was given in 亩. */
  taxPerMuWan: number | null;
  requirements: ParsedRequirements;
  region: string | null;
}

export interface NeedTexts {
  need?: string | null;
  usage?: string | null;
  tax?: string | null;
  /** Anything else the investor wrote (the pasted message, minus the company name). */
  other?: string | null;
  /** A region the investor named in its own field. */
  region?: string | null;
}

/** Parses the need, usage and tax texts (and the rest of a message) into a {@link ParsedNeed}. */
export function parseNeed(t: NeedTexts): ParsedNeed {
  const need = t.need ?? '';
  const usage = t.usage ?? '';
  const all = [need, usage, t.tax ?? '', t.other ?? ''].join('\n');

  const area = parseArea(need) ?? parseArea(all);
  const industry = classifyIndustry(usage) ?? classifyIndustry(need) ?? classifyIndustry(all);
  const strategicIndustry = classifyStrategicIndustry(usage) ?? classifyStrategicIndustry(need) ?? classifyStrategicIndustry(all);

  const fromField = t.tax ? parseTax(t.tax, true) : { annualTaxWan: null, taxPerMuWan: null };
  const fromText = parseTax(all);
  const annualTaxWan = fromField.annualTaxWan ?? fromText.annualTaxWan;
  let taxPerMuWan = fromField.taxPerMuWan ?? fromText.taxPerMuWan;
  if (taxPerMuWan === null && annualTaxWan !== null && area?.unit === 'mu') {
    const mu = area.min !== null && area.max !== null ? (area.min + area.max) / 2 : (area.min ?? area.max);
    if (mu) taxPerMuWan = round(annualTaxWan / mu, 2);
  }

  return {
    propertyType: parsePropertyType(need) ?? parsePropertyType(all),
    dealType: parseDealType(need) ?? parseDealType(all),
    areaSqm: area ? { min: area.minSqm, max: area.maxSqm } : null,
    area: area ? { min: area.min, max: area.max, unit: area.unit, raw: area.raw } : null,
    areaUnit: area?.unit ?? null,
    industry,
    strategicIndustry,
    annualTaxWan,
    investmentWan: parseInvestment(all),
    taxPerMuWan,
    requirements: parseRequirements(all),
    region:
      (t.region && (parseRegion(t.region) ?? t.region.slice(0, 50))) ||
      parseRegion(need) ||
      parseRegion(usage) ||
      parseRegion(t.other ?? ''),
  };
}

/** ㎡ → 亩 (for display). */
export function sqmToMu(sqm: number): number {
  return round(sqm / SQM_PER_MU, 2);
}
