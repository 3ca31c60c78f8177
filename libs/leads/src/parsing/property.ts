import type { DealType, PropertyType } from '../lead.entity.js';

const PROPERTY_WORDS: [RegExp, PropertyType][] = [
  [/拿地|土地|工业用地|用地|地块|供地|买地|购地|征地/g, 'land'],
  [/厂房|车间|厂区|生产基地|代建|定制厂|标准厂/g, 'factory'],
  [/写字楼|办公楼|办公室|办公场地|办公空间|商务楼|孵化器|办公/g, 'office'],
  [/仓库|仓储|库房|冷库|物流园|物流仓/g, 'warehouse'],
];

const DEAL_WORDS: [RegExp, DealType][] = [
  [/租|承租|租赁|租用/g, 'rent'],
  [/购买|购置|收购|买|拿地|出让|自建|产权|出售|购地/g, 'buy'],
];

function firstOf<T>(text: string, table: [RegExp, T][]): T | null {
  let best: { index: number; value: T } | null = null;
  for (const [re, value] of table) {
    re.lastIndex = 0;
    const m = re.exec(text);
    if (m && (!best || m.index < best.index)) best = { index: m.index, value };
  }
  return best?.value ?? null;
}

/** 厂房/标准厂房/车间 → factory, 土地/工业用地/拿地/地块 → land, 写字楼/办公 → office, 仓库/仓储 → warehouse: the first mentioned wins. */
export function parsePropertyType(text: string): PropertyType | null {
  return firstOf(text, PROPERTY_WORDS);
}

/** 租/租赁/承租 → rent; 买/购买/购置/拿地/出让 → buy: the first mentioned wins. */
export function parseDealType(text: string): DealType | null {
  return firstOf(text, DEAL_WORDS);
}
