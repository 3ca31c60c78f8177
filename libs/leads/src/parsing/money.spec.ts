import { parseInvestment, parseMoneyWan, parseTax } from './money.js';

describe('parseMoneyWan', () => {
  it.each([
    ['300万', 300],
    ['500万元', 500],
    ['1.2亿', 12000],
    ['2亿元', 20000],
    ['三百万', 300],
    ['两个亿', 20000],
    ['一千五百万元', 1500],
    ['1500000元', 150],
    ['300', 300],
    ['500万元/年', 500],
    ['5千万', 5000],
  ])('%s → %s 万元', (text, wan) => {
    expect(parseMoneyWan(text)).toBe(wan);
  });

  it('returns null without a number', () => {
    expect(parseMoneyWan('待定')).toBeNull();
  });
});

describe('parseTax', () => {
  it.each([
    ['年税收300万', 300],
    ['年纳税500万元', 500],
    ['税收500万元/年', 500],
    ['税收：年300万', 300],
    ['预计年税收约1.2亿', 12000],
    ['每年纳税两千万', 2000],
    ['年纳税额不低于800万', 800],
  ])('%s → annual %s 万元', (text, wan) => {
    expect(parseTax(text).annualTaxWan).toBe(wan);
  });

  it('reads 亩均税收 as a per-mu figure, not an annual one', () => {
    expect(parseTax('亩均税收30万')).toEqual({ annualTaxWan: null, taxPerMuWan: 30 });
    expect(parseTax('亩均税收30万，年税收600万')).toEqual({ annualTaxWan: 600, taxPerMuWan: 30 });
  });

  it('counts a bare amount in the dedicated tax field', () => {
    expect(parseTax('300', true).annualTaxWan).toBe(300);
    expect(parseTax('1.2亿', true).annualTaxWan).toBe(12000);
    expect(parseTax('300').annualTaxWan).toBeNull();
  });
});

describe('parseInvestment', () => {
  it.each([
    ['总投资2亿', 20000],
    ['投资5000万', 5000],
    ['计划投资1.5亿元', 15000],
    ['固定资产投资三千万', 3000],
    ['项目总投资额约8000万元', 8000],
  ])('%s → %s 万元', (text, wan) => {
    expect(parseInvestment(text)).toBe(wan);
  });

  it('returns null when no investment is named', () => {
    expect(parseInvestment('年税收300万')).toBeNull();
  });
});
