import { normalizeText, parseAmount, round } from './text.js';

describe('parseAmount', () => {
  it.each([
    ['3000', 3000],
    ['1.5', 1.5],
    ['5千', 5000],
    ['三千', 3000],
    ['十', 10],
    ['十五', 15],
    ['二十', 20],
    ['一百零五', 105],
    ['两千五百', 2500],
    ['1.2万', 12000],
    ['一万', 10000],
    ['三百万', 3000000],
    ['一千五百万', 15000000],
    ['1.2亿', 120000000],
    ['两个亿', 200000000],
    ['1亿5000万', 150000000],
  ])('%s → %s', (text, value) => {
    expect(parseAmount(text)).toBe(value);
  });

  it('returns null without a number', () => {
    expect(parseAmount('')).toBeNull();
    expect(parseAmount('abc')).toBeNull();
    expect(parseAmount('万')).toBeNull();
  });
});

describe('normalizeText', () => {
  it('turns full-width digits and punctuation half-width and drops thousands separators', () => {
    expect(normalizeText('需求：３０００平；用途：生产')).toBe('需求:3000平;用途:生产');
    expect(normalizeText('12,000平')).toBe('12000平');
    expect(normalizeText('a\u3000\u3000b')).toBe('a b');
  });
});

describe('round', () => {
  it('rounds to the given decimals', () => {
    expect(round(33333.3333)).toBe(33333.33);
    expect(round(1.005, 0)).toBe(1);
  });
});
