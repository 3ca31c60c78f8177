/**
 * Text normalisation shared by the parsers: full-width ASCII (１２３，：；) becomes half-width,
 * thousands separators inside numbers go, whitespace runs collapse. Characters the parsers read as
 * units (㎡, ²) are kept as they are.
 */
export function normalizeText(input: string): string {
  let s = '';
  for (const ch of input) {
    const code = ch.codePointAt(0)!;
    if (code >= 0xff01 && code <= 0xff5e) s += String.fromCodePoint(code - 0xfee0);
    else if (code === 0x3000) s += ' ';
    else s += ch;
  }
  return s
    .replace(/(\d),(?=\d{3}(?!\d))/g, '$1')
    .replace(/[ \t\u00a0]+/g, ' ')
    .replace(/\r\n?/g, '\n');
}

/** Chinese numeral digits. */
const DIGITS: Record<string, number> = { 零: 0, 〇: 0, 一: 1, 二: 2, 两: 2, 三: 3, 四: 4, 五: 5, 六: 6, 七: 7, 八: 8, 九: 9 };
const SMALL_UNITS: Record<string, number> = { 十: 10, 百: 100, 千: 1000 };

/**
 * One amount written with Arabic digits, Chinese numerals and the multipliers 十百千万亿, in any mix:
 * `3000`, `5千`, `三千`, `1.2万`, `一千五百万`, `两个亿`, `1亿5000万` → a plain number.
 * Returns null when the text holds no number.
 */
// Each repetition is one Chinese numeral/multiplier optionally followed by digits, so a digit run
// can only be split one way: no catastrophic backtracking on long inputs.
export const AMOUNT_PATTERN =
  '(?:\\d{1,15}(?:\\.\\d{1,6})?|[零〇一二两三四五六七八九十])(?:[零〇一二两三四五六七八九十百千万亿个](?:\\d{1,15}(?:\\.\\d{1,6})?)?){0,12}';

export function parseAmount(text: string): number | null {
  const tokens = text.match(/\d+(?:\.\d+)?|[零〇一二两三四五六七八九十百千万亿]/g);
  if (!tokens) return null;
  let total = 0;
  let section = 0;
  let current: number | null = null;
  let seenNumber = false;
  for (const tok of tokens) {
    if (/^\d/.test(tok)) {
      current = Number(tok);
      seenNumber = true;
    } else if (tok in DIGITS) {
      current = DIGITS[tok];
      seenNumber = true;
    } else if (tok in SMALL_UNITS) {
      section += (current ?? 1) * SMALL_UNITS[tok];
      current = null;
      seenNumber = true;
    } else if (tok === '万') {
      section = (section + (current ?? (section ? 0 : 1))) * 1e4;
      total += section;
      section = 0;
      current = null;
    } else if (tok === '亿') {
      total = (total + section + (current ?? (total || section ? 0 : 1))) * 1e8;
      section = 0;
      current = null;
    }
  }
  if (!seenNumber) return null;
  const value = total + section + (current ?? 0);
  return Number.isFinite(value) ? value : null;
}

/** Rounds to at most `digits` decimals (areas, money). */
export function round(value: number, digits = 2): number {
  const f = 10 ** digits;
  return Math.round(value * f) / f;
}
