import { NUM, parseNumber } from './numbers.js';
import { splitClauses } from './sentences.js';

/** A figure an article reports (地区生产总值248.2亿元, 签约项目28个), with the sentence it came from. */
export interface StatisticDraft {
  label: string;
  value: number;
  unit: string;
  quote: string;
}

const UNITS = '亿元|万元|万平方米|平方米|平方公里|万人|万吨|亿美元|万美元|个百分点|亩|个|家|项|人|%|倍|吨|台|辆|元';
const STAT_RE = new RegExp(`(?<![\\d.])(${NUM})\\s*(${UNITS})(?!以上|以下|级|至|到|—|-|左右的)`, 'g');
const LEADING = /^(?:[，、,：:\s]|其中|全年|今年以来|今年|现有|共计|共|累计|实现了?|完成了?|达到了?|达|为|和|及|与|以及|约|超)+/;
const TRAILING = /(?:为|达到|达|实现|完成|共|约|超过|超|突破|近)+$/;

/** The words before a figure, without dates, reporting verbs and the park itself: 2025年开发区实现地区生产总值 → 地区生产总值. */
function cleanLabel(raw: string): string {
  let l = raw.replace(LEADING, '');
  l = l.replace(/^.*?(?:\d{4}年(?:\d{1,2}(?:[-—至]\d{1,2})?月(?:份)?)?|\d{1,2}(?:[-—至]\d{1,2})?月(?:份)?)/, '');
  l = l.replace(/^.*(?:实现|完成|达到|累计|共计)了?/, '') || l;
  l = l.replace(/^(?:开发区|园区|高新区|新区|全区|全市|全县|全省)/, '');
  return l.replace(LEADING, '').replace(TRAILING, '').trim();
}

/** Figures of a sentence that reports results; each gets the words before it as its label. */
export function extractStatistics(sentence: string): StatisticDraft[] {
  const out: StatisticDraft[] = [];
  const quote = sentence.replace(/[。；;！？!?]+$/, '').trim();
  for (const clause of splitClauses(quote)) {
    let from = 0;
    let lastLabel = '';
    for (const m of clause.text.matchAll(STAT_RE)) {
      let label = cleanLabel(clause.text.slice(from, m.index));
      from = m.index + m[0].length;
      if (/\d年$|年$/.test(label) && label.length <= 6) continue;
      if (!label) label = lastLabel;
      if (!label || /^[\d.]+$/.test(label)) continue;
      if (label.length > 16) label = label.slice(-16);
      const value = parseNumber(m[1]);
      if (!Number.isFinite(value)) continue;
      out.push({ label, value, unit: m[2], quote });
      lastLabel = label;
    }
  }
  return out;
}
