const DIGITS: Record<string, number> = { 零: 0, 〇: 0, 一: 1, 二: 2, 两: 2, 三: 3, 四: 4, 五: 5, 六: 6, 七: 7, 八: 8, 九: 9 };

/** Arabic or small Chinese numbers (一 … 九十九): '15' → 15, '两' → 2, '十二' → 12. NaN when not a number. */
export function parseNumber(s: string): number {
  const t = s.replace(/,/g, '').trim();
  if (/^\d+(?:\.\d+)?$/.test(t)) return Number(t);
  if (!/^[零〇一二两三四五六七八九十]+$/.test(t)) return NaN;
  if (t === '十') return 10;
  const ten = t.indexOf('十');
  if (ten < 0) return t.length === 1 ? DIGITS[t] : NaN;
  const tens = ten === 0 ? 1 : DIGITS[t[ten - 1]];
  const ones = ten === t.length - 1 ? 0 : DIGITS[t[ten + 1]];
  return tens * 10 + ones;
}

/** A number pattern source: 1,200.5 or 一 … 九十九. */
export const NUM = '(?:\\d{1,3}(?:,\\d{3})+|\\d+)(?:\\.\\d+)?';
export const CN_NUM = '[零〇一二两三四五六七八九十]{1,3}';

/** Money to 万元: 1.5亿元 → 15000, 300万元 → 300, 5000元 → 0.5. */
export function toWan(value: number, unit: string): number {
  if (unit.startsWith('亿')) return round(value * 10000);
  if (unit.startsWith('万')) return round(value);
  if (unit.startsWith('千万')) return round(value * 1000);
  return round(value / 10000);
}

/** Rounds away float noise (0.1 + 0.2) to 6 decimals. */
export function round(n: number): number {
  return Math.round(n * 1e6) / 1e6;
}
