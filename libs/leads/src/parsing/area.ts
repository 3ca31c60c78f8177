import { AMOUNT_PATTERN, normalizeText, parseAmount, round } from './text.js';

/** 1 亩 = 2000/3 ㎡ (666.67 ㎡). */
export const SQM_PER_MU = 2000 / 3;

export type AreaUnit = 'sqm' | 'mu';

export interface ParsedArea {
  /** Normalised range in ㎡; null bound = open. */
  minSqm: number | null;
  maxSqm: number | null;
  /** The unit the investor wrote, and the range in that unit. */
  unit: AreaUnit;
  min: number | null;
  max: number | null;
  /** The words matched, as written. */
  raw: string;
}

const UNIT = '(平方米|平方|平米|㎡|m²|m2|M2|平|方|亩)';
const RANGE_SEP = '(?:-|~|～|—|–|到|至)';
const AT_LEAST_BEFORE = '(不少于|不低于|不小于|至少|最少|大于|超过|起码|≥|>=|>)';
const AT_MOST_BEFORE = '(不超过|不大于|最多|最大|小于|低于|≤|<=|<)';
const AFTER = '(以上|以下|以内|之内|起|左右|上下)?';

const RANGE_RE = new RegExp(`(${AMOUNT_PATTERN})\\s*${UNIT}?\\s*${RANGE_SEP}\\s*(${AMOUNT_PATTERN})\\s*${UNIT}${AFTER}`, 'g');
const SINGLE_RE = new RegExp(`(?:${AT_LEAST_BEFORE}|${AT_MOST_BEFORE})?\\s*(${AMOUNT_PATTERN})\\s*${UNIT}${AFTER}`, 'g');

function unitOf(word: string): AreaUnit {
  return word === '亩' ? 'mu' : 'sqm';
}

function toSqm(v: number | null, unit: AreaUnit): number | null {
  if (v === null) return null;
  return round(unit === 'mu' ? v * SQM_PER_MU : v);
}

/** A bare Chinese numeral before 方/平 is usually not an area (一方面, 一平台). */
function plausible(amountText: string, unitWord: string, value: number | null): value is number {
  if (value === null || value <= 0) return false;
  if ((unitWord === '方' || unitWord === '平') && !/\d/.test(amountText) && value < 10) return false;
  return true;
}

function build(min: number | null, max: number | null, unit: AreaUnit, raw: string): ParsedArea {
  return { min, max, unit, minSqm: toSqm(min, unit), maxSqm: toSqm(max, unit), raw };
}

/**
 * The first area in a text: `3000平方米`, `5千平方`, `1.2万平`, `30亩`, `30-50亩`, `2000到5000平方`,
 * `5000平以上`, `不少于20亩` → a ㎡ range keeping the written unit. null when there is none.
 */
export function parseArea(input: string): ParsedArea | null {
  const text = normalizeText(input);
  const found: { index: number; area: ParsedArea }[] = [];

  for (const m of text.matchAll(RANGE_RE)) {
    const [raw, aText, aUnit, bText, bUnit] = m;
    const a = parseAmount(aText);
    const b = parseAmount(bText);
    if (!plausible(bText, bUnit, b) || a === null || a <= 0) continue;
    if (aUnit && unitOf(aUnit) !== unitOf(bUnit)) continue;
    const unit = unitOf(bUnit);
    found.push({ index: m.index, area: build(Math.min(a, b), Math.max(a, b), unit, raw.trim()) });
  }
  for (const m of text.matchAll(SINGLE_RE)) {
    const [raw, atLeast, atMost, aText, unitWord, after] = m;
    const v = parseAmount(aText);
    if (!plausible(aText, unitWord, v)) continue;
    const start = m.index + raw.indexOf(aText);
    if (found.some((f) => start >= f.index && start < f.index + f.area.raw.length + 2)) continue;
    const unit = unitOf(unitWord);
    let min: number | null = v;
    let max: number | null = v;
    if (atLeast || after === '以上' || after === '起') max = null;
    if (atMost || after === '以下' || after === '以内' || after === '之内') min = null;
    found.push({ index: m.index, area: build(min, max, unit, raw.trim()) });
  }
  if (!found.length) return null;
  found.sort((x, y) => x.index - y.index);
  return found[0].area;
}
