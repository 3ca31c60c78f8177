import fc from 'fast-check';
import { parseArea } from './area.js';
import { parseMessage } from './message-parser.js';
import { parseMoneyWan, parseTax } from './money.js';
import { normalizePhone } from './phone.js';

/** Characters the parsers react to, mixed with anything. */
const pieces = fc.constantFrom(
  '需求：',
  '用途：',
  '税收：',
  '公司：',
  '联系人：',
  '手机：',
  '；',
  '，',
  '\n',
  '【',
  '】',
  '亩',
  '平方',
  '㎡',
  '万',
  '亿',
  '千',
  '三',
  '两',
  '以上',
  '不少于',
  '-',
  '到',
  '年税收',
  '亩均税收',
  '总投资',
  '层高',
  '米',
  '吨',
  'KVA',
  '环评',
  '有限公司',
  '先生',
  '138',
  '1234',
  '5678',
  '+86',
  '😀',
  '.',
  '0',
  '9',
  ' ',
);
const messy = fc.oneof(
  fc.array(pieces, { maxLength: 80 }).map((a) => a.join('')),
  fc.string({ unit: 'grapheme', maxLength: 300 }),
);

describe('parser properties (fast-check)', () => {
  it('never throws and returns well-formed results for any text', () => {
    fc.assert(
      fc.property(messy, (text) => {
        const r = parseMessage(text);
        expect(Array.isArray(r.missing)).toBe(true);
        const a = r.parsed.areaSqm;
        if (a) {
          for (const v of [a.min, a.max]) if (v !== null) expect(Number.isFinite(v) && v > 0).toBe(true);
          if (a.min !== null && a.max !== null) expect(a.min).toBeLessThanOrEqual(a.max);
        }
        for (const v of [r.parsed.annualTaxWan, r.parsed.investmentWan, r.parsed.taxPerMuWan]) {
          if (v !== null) expect(Number.isFinite(v) && v >= 0).toBe(true);
        }
      }),
      { numRuns: 1500 },
    );
  });

  it('reads any whole number of 平方/亩 back exactly', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 9_999_999 }), (n) => {
        expect(parseArea(`${n}平方米`)!.minSqm).toBe(n);
        expect(parseArea(`${n}亩`)!.min).toBe(n);
        expect(parseMoneyWan(`${n}万元`)).toBe(n);
        expect(parseTax(`年税收${n}万`).annualTaxWan).toBe(n);
      }),
      { numRuns: 500 },
    );
  });

  it('normalises every valid mobile in several writings to the same E.164', () => {
    fc.assert(
      fc.property(fc.constantFrom('138', '139', '150', '186', '177', '199'), fc.integer({ min: 0, max: 99_999_999 }), (prefix, n) => {
        const digits = `${prefix}${String(n).padStart(8, '0')}`;
        const e164 = `+86${digits}`;
        for (const w of [
          digits,
          e164,
          `+86 ${digits.slice(0, 3)} ${digits.slice(3, 7)} ${digits.slice(7)}`,
          `${digits.slice(0, 3)}-${digits.slice(3, 7)}-${digits.slice(7)}`,
        ]) {
          expect(normalizePhone(w)?.e164).toBe(e164);
        }
      }),
      { numRuns: 300 },
    );
  });

  it('parses a 20 000-character hostile message quickly (no catastrophic backtracking)', () => {
    const hostile = [
      '9'.repeat(20_000),
      '需求：'.repeat(6000),
      '三'.repeat(20_000),
      'a@'.repeat(10_000),
      '1.'.repeat(10_000),
      '年税收'.repeat(6000) + '9',
    ];
    for (const h of hostile) {
      const start = Date.now();
      parseMessage(h);
      expect(Date.now() - start).toBeLessThan(1500);
    }
  });
});
