import { parseNeed, sqmToMu } from './need-parser.js';

describe('parseNeed', () => {
  it('combines need, usage and tax into the structured need', () => {
    expect(parseNeed({ need: '标准厂房5000平以上，租赁，层高8米，用电500KVA', usage: '汽车零部件', tax: '500万元/年' })).toEqual({
      propertyType: 'factory',
      dealType: 'rent',
      areaSqm: { min: 5000, max: null },
      area: { min: 5000, max: null, unit: 'sqm', raw: '5000平以上' },
      areaUnit: 'sqm',
      industry: { code: 'C36', name: '汽车制造业' },
      strategicIndustry: null,
      annualTaxWan: 500,
      investmentWan: null,
      taxPerMuWan: null,
      requirements: { clearHeightM: 8, powerKva: 500 },
      region: null,
    });
  });

  it('derives 亩均税收 from annual tax and an area in 亩 (midpoint of a range)', () => {
    expect(parseNeed({ need: '土地30-50亩', tax: '1.2亿' }).taxPerMuWan).toBe(300);
  });

  it('keeps an explicit 亩均税收 and does not count it as annual tax', () => {
    expect(parseNeed({ need: '土地20亩', tax: '亩均税收30万' })).toMatchObject({ taxPerMuWan: 30, annualTaxWan: null });
  });

  it('reads investment and region from the rest of the message', () => {
    expect(parseNeed({ need: '厂房', other: '总投资2亿，意向落户嘉兴' })).toMatchObject({ investmentWan: 20000, region: '嘉兴' });
    expect(parseNeed({ need: '厂房', region: '苏州工业园区' }).region).toBe('苏州工业园区');
  });

  it('returns nulls for an empty need', () => {
    expect(parseNeed({})).toMatchObject({ propertyType: null, areaSqm: null, industry: null, annualTaxWan: null, requirements: {} });
  });
});

describe('sqmToMu', () => {
  it('converts ㎡ to 亩', () => {
    expect(sqmToMu(20000)).toBe(30);
  });
});
