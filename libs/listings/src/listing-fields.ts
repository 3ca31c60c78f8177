import { LISTING_DEALS, LISTING_KINDS, LISTING_STATUSES, type Listing } from './listing.entity.js';

/** The writable fields of a listing, normalised. */
export type ListingFields = Partial<
  Pick<
    Listing,
    | 'externalCode'
    | 'title'
    | 'kind'
    | 'deal'
    | 'status'
    | 'parkId'
    | 'region'
    | 'address'
    | 'areaSqm'
    | 'areaMu'
    | 'floors'
    | 'floorNo'
    | 'clearHeightM'
    | 'floorLoadTPerSqm'
    | 'craneTons'
    | 'powerKva'
    | 'structure'
    | 'envApproved'
    | 'ownership'
    | 'landUse'
    | 'plotRatio'
    | 'rentYuanPerSqmMonth'
    | 'rentQuotedRaw'
    | 'salePriceYuanPerSqm'
    | 'landPriceWanPerMu'
    | 'minTaxPerMuWan'
    | 'minInvestIntensityWanPerMu'
    | 'allowedIndustries'
    | 'availableFrom'
    | 'notes'
    | 'demo'
  >
>;

export type FieldKind = 'text' | 'number' | 'int' | 'bool' | 'kind' | 'deal' | 'status' | 'park' | 'codes' | 'date' | 'rent';

/** One import/export column: the field, its kind, and the headers it is known by. */
export interface ColumnSpec {
  field: keyof ListingFields | 'park';
  kind: FieldKind;
  zh: string;
  headers: string[];
}

/** Columns, in export order; the first header is what export writes. */
export const COLUMNS: ColumnSpec[] = [
  { field: 'externalCode', kind: 'text', zh: '编号', headers: ['编号', 'code', 'externalCode', 'external_code'] },
  { field: 'title', kind: 'text', zh: '标题', headers: ['标题', 'title', '名称'] },
  { field: 'kind', kind: 'kind', zh: '类型', headers: ['类型', 'kind', 'type'] },
  { field: 'deal', kind: 'deal', zh: '租售', headers: ['租售', 'deal'] },
  { field: 'park', kind: 'park', zh: '园区', headers: ['园区', 'park', 'parkId'] },
  { field: 'region', kind: 'text', zh: '区域', headers: ['区域', 'region', '地区'] },
  { field: 'address', kind: 'text', zh: '地址', headers: ['地址', 'address'] },
  { field: 'areaSqm', kind: 'number', zh: '面积', headers: ['面积', 'areaSqm', 'area', '面积(㎡)', '面积㎡'] },
  { field: 'areaMu', kind: 'number', zh: '亩', headers: ['亩', 'areaMu', '面积(亩)', '亩数'] },
  { field: 'floors', kind: 'int', zh: '层数', headers: ['层数', 'floors'] },
  { field: 'floorNo', kind: 'int', zh: '楼层', headers: ['楼层', 'floorNo', 'floor'] },
  { field: 'clearHeightM', kind: 'number', zh: '层高', headers: ['层高', 'clearHeightM', 'clearHeight', '净高'] },
  { field: 'floorLoadTPerSqm', kind: 'number', zh: '承重', headers: ['承重', 'floorLoadTPerSqm', 'floorLoad'] },
  { field: 'craneTons', kind: 'number', zh: '行车', headers: ['行车', 'craneTons', 'crane'] },
  { field: 'powerKva', kind: 'number', zh: '配电', headers: ['配电', 'powerKva', 'power'] },
  { field: 'structure', kind: 'text', zh: '结构', headers: ['结构', 'structure'] },
  { field: 'envApproved', kind: 'bool', zh: '可环评', headers: ['可环评', 'envApproved', 'env'] },
  { field: 'ownership', kind: 'text', zh: '产权', headers: ['产权', 'ownership'] },
  { field: 'landUse', kind: 'text', zh: '用途', headers: ['用途', 'landUse', '土地用途'] },
  { field: 'plotRatio', kind: 'number', zh: '容积率', headers: ['容积率', 'plotRatio'] },
  { field: 'rentYuanPerSqmMonth', kind: 'rent', zh: '租金', headers: ['租金', 'rent', 'rentYuanPerSqmMonth'] },
  { field: 'salePriceYuanPerSqm', kind: 'number', zh: '售价', headers: ['售价', 'salePriceYuanPerSqm', 'salePrice'] },
  { field: 'landPriceWanPerMu', kind: 'number', zh: '地价', headers: ['地价', 'landPriceWanPerMu', 'landPrice'] },
  { field: 'minTaxPerMuWan', kind: 'number', zh: '亩均税收要求', headers: ['亩均税收要求', 'minTaxPerMuWan', '亩均税收'] },
  {
    field: 'minInvestIntensityWanPerMu',
    kind: 'number',
    zh: '投资强度要求',
    headers: ['投资强度要求', 'minInvestIntensityWanPerMu', '投资强度'],
  },
  { field: 'allowedIndustries', kind: 'codes', zh: '准入产业', headers: ['准入产业', 'allowedIndustries', '行业代码'] },
  { field: 'availableFrom', kind: 'date', zh: '可用日期', headers: ['可用日期', 'availableFrom', '交付日期'] },
  { field: 'status', kind: 'status', zh: '状态', headers: ['状态', 'status'] },
];

const ALIASES: Record<'kind' | 'deal' | 'status', Record<string, string>> = {
  kind: {
    厂房: 'factory',
    标准厂房: 'factory',
    土地: 'land',
    工业用地: 'land',
    地块: 'land',
    写字楼: 'office',
    办公: 'office',
    仓库: 'warehouse',
    仓储: 'warehouse',
  },
  deal: {
    租: 'rent',
    出租: 'rent',
    租赁: 'rent',
    售: 'sale',
    出售: 'sale',
    销售: 'sale',
    出让: 'land_transfer',
    土地出让: 'land_transfer',
    挂牌出让: 'land_transfer',
  },
  status: {
    可租售: 'available',
    可租: 'available',
    可售: 'available',
    空置: 'available',
    在租: 'available',
    已预定: 'reserved',
    预定: 'reserved',
    已出租: 'let',
    已租: 'let',
    已售: 'sold',
    已售出: 'sold',
    已出让: 'sold',
  },
};
const ALLOWED: Record<'kind' | 'deal' | 'status', readonly string[]> = {
  kind: LISTING_KINDS,
  deal: LISTING_DEALS,
  status: LISTING_STATUSES,
};
const ENUM_ZH: Record<'kind' | 'deal' | 'status', string> = {
  kind: '厂房、土地、写字楼、仓库',
  deal: '租、售、出让',
  status: '可租售、已预定、已出租、已售',
};

export interface CellError {
  column: string;
  message_zh: string;
  message_en: string;
}

/** A day rent (元/㎡/天) × 365 / 12 is the month rent (元/㎡/月). */
export function dayRentToMonth(perDay: number): number {
  return Number(((perDay * 365) / 12).toFixed(2));
}

/** "0.8元/㎡/天" → 24.33 元/㎡/月; "25元/㎡/月" or "25" → 25. Returns null when it is not a rent. */
export function parseRent(raw: string): { perMonth: number; raw: string } | null {
  const s = raw.replace(/\s/g, '');
  const m = /^(\d+(?:\.\d+)?)(.*)$/.exec(s);
  if (!m) return null;
  const n = Number(m[1]);
  const unit = m[2];
  if (unit === '' || /月|month/i.test(unit)) return { perMonth: n, raw };
  if (/天|日|day/i.test(unit)) return { perMonth: dayRentToMonth(n), raw };
  return null;
}

const num = (s: string): number | null => {
  const t = s.replace(/[,，\s]/g, '').replace(/(㎡|平方米|平米|亩|m|米|t\/㎡|吨\/㎡|吨|t|kva|KVA|kVA|万元\/亩|元\/㎡|万元|元)$/i, '');
  if (!/^-?\d+(\.\d+)?$/.test(t)) return null;
  return Number(t);
};

/**
 * One cell, parsed by the column's kind. Returns `undefined` for an empty cell, or an error naming the
 * column and why. Park names are resolved by the caller (`park` values come back as text).
 */
export function parseCell(spec: ColumnSpec, rawValue: unknown): { value?: unknown; error?: CellError } {
  if (rawValue === null || rawValue === undefined) return {};
  const raw = rawValue instanceof Date ? rawValue.toISOString().slice(0, 10) : String(rawValue).trim();
  if (raw === '') return {};
  const err = (zh: string, en: string): { error: CellError } => ({
    error: { column: spec.zh, message_zh: `${spec.zh}：${zh}`, message_en: `${spec.headers[1] ?? spec.zh}: ${en}` },
  });
  switch (spec.kind) {
    case 'text':
    case 'park':
      return { value: raw };
    case 'number': {
      const n = num(raw);
      if (n === null || n < 0) return err(`"${raw}"不是有效的数字`, `"${raw}" is not a valid number`);
      return { value: n };
    }
    case 'int': {
      const n = num(raw);
      if (n === null || !Number.isInteger(n)) return err(`"${raw}"不是整数`, `"${raw}" is not a whole number`);
      return { value: n };
    }
    case 'bool': {
      if (/^(是|可|可以|有|yes|y|true|1|√)$/i.test(raw)) return { value: true };
      if (/^(否|不可|不可以|无|no|n|false|0|×)$/i.test(raw)) return { value: false };
      return err(`"${raw}"应为"是"或"否"`, `"${raw}" must be yes or no`);
    }
    case 'kind':
    case 'deal':
    case 'status': {
      const v = ALIASES[spec.kind][raw] ?? raw.toLowerCase();
      if (!ALLOWED[spec.kind].includes(v))
        return err(`"${raw}"无法识别，应为${ENUM_ZH[spec.kind]}之一`, `"${raw}" is not one of ${ALLOWED[spec.kind].join(', ')}`);
      return { value: v };
    }
    case 'codes':
      return {
        value: raw
          .split(/[,，、;；\s]+/)
          .filter(Boolean)
          .map((c) => c.toUpperCase()),
      };
    case 'date': {
      const d = raw.replace(/[./年月]/g, '-').replace(/日$/, '');
      const m = /^(\d{4})-(\d{1,2})-(\d{1,2})$/.exec(d);
      if (!m) return err(`"${raw}"不是日期（如2026-12-01）`, `"${raw}" is not a date (e.g. 2026-12-01)`);
      return { value: `${m[1]}-${m[2].padStart(2, '0')}-${m[3].padStart(2, '0')}` };
    }
    case 'rent': {
      const r = parseRent(raw);
      if (!r)
        return err(
          `"${raw}"不是有效的租金（如25元/㎡/月或0.8元/㎡/天）`,
          `"${raw}" is not a rent (e.g. 25 yuan/m²/month or 0.8 yuan/m²/day)`,
        );
      return { value: r };
    }
  }
}

/** Finds the column spec a header names (Chinese or English, case- and space-insensitive). */
export function columnForHeader(header: string): ColumnSpec | null {
  const h = header.replace(/\s/g, '').toLowerCase();
  return COLUMNS.find((c) => c.headers.some((x) => x.replace(/\s/g, '').toLowerCase() === h)) ?? null;
}

/** Import identity: the external code when given, else title + address. */
export function naturalKeyOf(f: Pick<ListingFields, 'externalCode' | 'title' | 'address'>): string {
  if (f.externalCode) return `code:${f.externalCode.trim().toLowerCase()}`;
  return `ta:${(f.title ?? '').replace(/\s/g, '').toLowerCase()}|${(f.address ?? '').replace(/\s/g, '').toLowerCase()}`;
}
