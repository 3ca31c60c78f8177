import type { ExpectedArticle } from '../expected.js';

/**
 * Three articles written after the extraction rules were frozen and never used to tune them: their
 * scores are printed (not asserted) as an honest estimate on unseen text.
 */
export const HOLDOUT_SET: ExpectedArticle[] = [
  {
    file: 'holdout/h1-pinghu-kfq.txt',
    title: '平湖经济技术开发区2026年招商引资优惠政策摘要',
    parks: ['平湖开发区'],
    industries: ['高端装备制造', '汽车零部件'],
    policies: [
      { kind: 'equipment_subsidy', quote: '按设备投资额的8%给予补助', percent: 8, capWan: 1500 },
      { kind: 'other', quote: '一次性奖励企业经营团队50万元', amountWan: 50 },
      { kind: 'rent_waiver', quote: '首年租金全免', percent: 100 },
      { kind: 'rent_discount', quote: '次年租金减半', percent: 50 },
      { kind: 'talent_subsidy', quote: '每人每月给予1500元生活补贴', durationYears: 3 },
      { kind: 'industry_fund', quote: '设立10亿元的产业投资基金', amountWan: 100000 },
      { kind: 'other', quote: '分阶段给予最高600万元的奖励', capWan: 600 },
    ],
    statistics: [
      { value: 1102, unit: '亿元', text: '规上工业产值1102亿元' },
      { value: 9.6, unit: '%', text: '增长9.6%' },
      { value: 37, unit: '个', text: '引进外资项目37个' },
    ],
  },
  {
    file: 'holdout/h2-shaoxing-binhai.html',
    title: '绍兴滨海新区发布集成电路产业“十条”',
    parks: ['绍兴滨海新区'],
    industries: ['集成电路'],
    policies: [
      { kind: 'investment_subsidy', quote: '按照实际投资额的5%给予补助', percent: 5, capWan: 10000 },
      { kind: 'equipment_subsidy', quote: '给予设备购置额10%的补贴', percent: 10 },
      { kind: 'loan_interest_subsidy', quote: '贴息比例不超过贷款利息的50%', percent: 50 },
      { kind: 'talent_subsidy', quote: '给予最高2000万元的综合资助', capWan: 2000 },
      { kind: 'approval_service', quote: '专班服务' },
    ],
    statistics: [
      { value: 356, unit: '亿元', text: '营业收入356亿元' },
      { value: 28.4, unit: '%', text: '同比增长28.4%' },
      { value: 23, unit: '个', text: '在建重大项目23个' },
    ],
  },
  {
    file: 'holdout/h3-deqing-ggzx.txt',
    title: '德清地理信息产业园：三年集聚企业超400家',
    parks: ['德清地理信息产业园'],
    industries: ['数字经济'],
    policies: [
      { kind: 'rent_waiver', quote: '办公用房三年内免收租金', percent: 100 },
      { kind: 'other', quote: '给予一次性奖励100万元', amountWan: 100 },
    ],
    statistics: [
      { value: 420, unit: '家', text: '累计集聚地理信息企业420家' },
      { value: 410, unit: '亿元', text: '营业收入410亿元' },
      { value: 14.5, unit: '%', text: '较上年增长14.5%' },
    ],
  },
];
