import { DEMO_ARTICLE, DEMO_PARK_NAME } from './demo-article.js';
import { extractArticle } from './extraction/extract-article.js';

describe('the demo article', () => {
  const r = extractArticle({ title: DEMO_ARTICLE.title, body: DEMO_ARTICLE.body });

  it('names the demo park once, with its short name as an alias, as a national park', () => {
    expect(r.parks.map((p) => [p.name, p.aliases, p.level])).toEqual([[DEMO_PARK_NAME, ['金华开发区'], 'national']]);
  });

  it('gives it the three leading industries and the two chains', () => {
    expect(r.industries.map((i) => i.name)).toEqual(['高端装备制造', '数字经济', '大健康', '新能源汽车', '生物医药']);
    expect(r.thresholds).toEqual([{ parkKey: '金华开发区', minInvestIntensityWanPerMu: 200, minTaxPerMuWan: 10 }]);
  });

  it('extracts its policies and keeps its figures as statistics', () => {
    expect(r.policies.map((p) => p.kind)).toEqual([
      'other',
      'investment_subsidy',
      'equipment_subsidy',
      'rent_waiver',
      'rent_discount',
      'rent_waiver',
      'working_capital_fund',
      'loan_interest_subsidy',
      'talent_subsidy',
      'talent_housing',
      'chain_subsidy',
      'industry_fund',
      'approval_service',
      'tax_reward',
    ]);
    expect(r.policies.find((p) => p.kind === 'tax_reward')).toMatchObject({ legacyRisk: true, percent: 50, durationYears: 3 });
    expect(r.statistics.map((s) => `${s.label} ${s.value}${s.unit}`)).toEqual([
      '地区生产总值 248.2亿元',
      '同比增长 3.4%',
      '新签约项目 28个',
      '总投资 322.18亿元',
      '100亿元以上项目 1个',
      '规划面积 120平方公里',
      '规上工业企业 386家',
    ]);
    expect(r.text).not.toMatch(/window\.stats|版权所有|首页/);
  });
});
