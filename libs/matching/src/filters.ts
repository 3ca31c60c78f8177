import { fmt } from './format.js';
import type { LeadNeed, ListingFacts, MatchReason } from './types.js';

/** Area tolerance: a listing up to 20% below the smallest or above the largest area asked for still fits. */
export const AREA_TOLERANCE = 0.2;

const KIND_ZH: Record<ListingFacts['kind'], string> = { factory: '厂房', land: '土地', office: '写字楼', warehouse: '仓库' };
const DEAL_ZH: Record<ListingFacts['deal'], string> = { rent: '出租', sale: '出售', land_transfer: '土地出让' };
const STATUS_ZH: Record<ListingFacts['status'], string> = { available: '可租售', reserved: '已预定', let: '已出租', sold: '已售出' };

/** Listing kinds that can serve a need for `propertyType`. A warehouse need can also use a factory. */
export function compatibleKinds(propertyType: LeadNeed['propertyType']): ListingFacts['kind'][] {
  switch (propertyType) {
    case 'factory':
      return ['factory'];
    case 'warehouse':
      return ['warehouse', 'factory'];
    case 'land':
      return ['land'];
    case 'office':
      return ['office'];
    case null:
      return ['factory', 'land', 'office', 'warehouse'];
  }
}

/** Listing deals that serve a need to rent or to buy (buying land is a land transfer, 出让). */
export function compatibleDeals(dealType: LeadNeed['dealType']): ListingFacts['deal'][] {
  switch (dealType) {
    case 'rent':
      return ['rent'];
    case 'buy':
      return ['sale', 'land_transfer'];
    case null:
      return ['rent', 'sale', 'land_transfer'];
  }
}

/** The area range (㎡) a listing must fall into, tolerance included; null ends are open. */
export function areaWindow(
  need: Pick<LeadNeed, 'areaSqmMin' | 'areaSqmMax'>,
  tolerance = AREA_TOLERANCE,
): { min: number | null; max: number | null } {
  const lo = need.areaSqmMin ?? need.areaSqmMax;
  const hi = need.areaSqmMax ?? need.areaSqmMin;
  return {
    min: lo === null ? null : Math.floor(lo * (1 - tolerance)),
    max: hi === null ? null : Math.ceil(hi * (1 + tolerance)),
  };
}

/** "3000㎡" or "2000–4000㎡". */
export function needAreaText(need: Pick<LeadNeed, 'areaSqmMin' | 'areaSqmMax'>): string {
  const lo = need.areaSqmMin ?? need.areaSqmMax;
  const hi = need.areaSqmMax ?? need.areaSqmMin;
  if (lo === null || hi === null) return '';
  return lo === hi ? `${fmt(lo, 0)}㎡` : `${fmt(lo, 0)}–${fmt(hi, 0)}㎡`;
}

/** Whether a listing's industry list admits a GB/T 4754 code: 'C36' admits 'C3670'; 'C' admits all of manufacturing. */
export function industryAllowed(allowed: string[], code: string): boolean {
  const c = code.toUpperCase();
  return allowed.some((a) => {
    const x = a.toUpperCase();
    return c.startsWith(x) || x.startsWith(c);
  });
}

export interface FilterResult {
  passed: boolean;
  /** Every rule that said something; a rule that rules the listing out has ok = false. */
  reasons: MatchReason[];
}

const r = (code: string, ok: boolean, text_zh: string, text_en: string): MatchReason => ({ code, ok, text_zh, text_en });

/**
 * Hard filters: a listing failing one is ruled out, with the reason. Kind and deal compatible,
 * available, area within the need ± tolerance, industry allowed where restricted, 可环评 where the
 * usage needs it, clear height / floor load / crane / power where the investor stated them.
 */
export function hardFilter(need: LeadNeed, l: ListingFacts, tolerance = AREA_TOLERANCE, explain = true): FilterResult {
  const reasons: MatchReason[] = [];
  let passed = true;
  // Reasons are made only when asked for (`explain`): ranking many candidates needs only `passed`.
  const fail = (reason: () => MatchReason): void => {
    passed = false;
    if (explain) reasons.push(reason());
  };
  const pass = (reason: () => MatchReason): void => {
    if (explain) reasons.push(reason());
  };

  if (!compatibleKinds(need.propertyType).includes(l.kind)) {
    fail(() =>
      r(
        'kind',
        false,
        `载体是${KIND_ZH[l.kind]}，需求是${KIND_ZH[need.propertyType ?? 'factory']}`,
        `Listing is ${l.kind}; the investor needs ${need.propertyType}`,
      ),
    );
  }
  if (!compatibleDeals(need.dealType).includes(l.deal)) {
    const wantZh = need.dealType === 'rent' ? '租' : '买';
    fail(() =>
      r('deal', false, `载体${DEAL_ZH[l.deal]}，客户要${wantZh}`, `Listing is for ${l.deal}; the investor wants to ${need.dealType}`),
    );
  }
  if (l.status !== 'available') {
    fail(() => r('status', false, `载体${STATUS_ZH[l.status]}，不可租售`, `Listing is ${l.status}, not available`));
  }

  const win = areaWindow(need, tolerance);
  const pct = Math.round(tolerance * 100);
  if (l.areaSqm !== null && (win.min !== null || win.max !== null)) {
    const a = l.areaSqm;
    const needText = explain ? needAreaText(need) : '';
    const { min, max } = win;
    if (min !== null && a < min) {
      fail(() =>
        r(
          'area',
          false,
          `面积${fmt(a, 0)}㎡，小于需求${needText}（允许偏差${pct}%，至少${fmt(min, 0)}㎡）`,
          `Area ${fmt(a, 0)} m² is below the need of ${needText} (±${pct}%: at least ${fmt(min, 0)} m²)`,
        ),
      );
    } else if (max !== null && a > max) {
      fail(() =>
        r(
          'area',
          false,
          `面积${fmt(a, 0)}㎡，大于需求${needText}（允许偏差${pct}%，至多${fmt(max, 0)}㎡）`,
          `Area ${fmt(a, 0)} m² exceeds the need of ${needText} (±${pct}%: at most ${fmt(max, 0)} m²)`,
        ),
      );
    }
  }

  if (l.allowedIndustries.length > 0 && need.industryCode) {
    if (!industryAllowed(l.allowedIndustries, need.industryCode)) {
      fail(() =>
        r(
          'industry',
          false,
          `载体限定产业${l.allowedIndustries.join('、')}，客户行业${need.industryCode}不在其内`,
          `Listing admits only ${l.allowedIndustries.join(', ')}; industry ${need.industryCode} is not among them`,
        ),
      );
    } else {
      pass(() =>
        r('industry', true, `客户行业${need.industryCode}属于载体准入产业`, `Industry ${need.industryCode} is admitted by the listing`),
      );
    }
  }

  if (need.requirements.envApproval === true) {
    if (l.envApproved === false)
      fail(() =>
        r('env', false, '客户用途需要环评，该载体不可环评', 'The usage needs an environmental approval; the listing cannot get one'),
      );
    else if (l.envApproved === true)
      pass(() => r('env', true, '载体可环评，满足客户用途', 'The listing can get the environmental approval the usage needs'));
  }

  const specs: { key: 'clearHeightM' | 'floorLoadTPerSqm' | 'craneTons' | 'powerKva'; zh: string; en: string; unit: string }[] = [
    { key: 'clearHeightM', zh: '层高', en: 'Clear height', unit: 'm' },
    { key: 'floorLoadTPerSqm', zh: '承重', en: 'Floor load', unit: 't/㎡' },
    { key: 'craneTons', zh: '行车', en: 'Crane', unit: 't' },
    { key: 'powerKva', zh: '配电', en: 'Power', unit: 'kVA' },
  ];
  for (const s of specs) {
    const want = need.requirements[s.key];
    if (want === null || want === undefined) continue;
    const have = l[s.key];
    if (have === null) continue; // unknown: said by the score, not a reason to rule out
    if (have < want)
      fail(() =>
        r(
          s.key,
          false,
          `${s.zh}${fmt(have)}${s.unit}，低于要求的${fmt(want)}${s.unit}`,
          `${s.en} ${fmt(have)} ${s.unit} is below the required ${fmt(want)} ${s.unit}`,
        ),
      );
    else
      pass(() =>
        r(
          s.key,
          true,
          `${s.zh}${fmt(have)}${s.unit}，满足要求的${fmt(want)}${s.unit}`,
          `${s.en} ${fmt(have)} ${s.unit} meets the required ${fmt(want)} ${s.unit}`,
        ),
      );
  }
  return { passed, reasons };
}
