import type { PolicyKind } from '../src/extraction/policy-kinds.js';

/** One policy a reader of the article would list: its kind, words from its quote and the figures it states. */
export interface ExpectedPolicy {
  kind: PolicyKind;
  /** A substring of the quote the extraction should return. */
  quote: string;
  amountWan?: number;
  percent?: number;
  multiplier?: number;
  capWan?: number;
  months?: number[];
  durationYears?: number;
  legacyRisk?: boolean;
}

export interface ExpectedArticle {
  file: string;
  title: string;
  /** Park keys (金华开发区 for 金华经济技术开发区). */
  parks: string[];
  industries: string[];
  policies: ExpectedPolicy[];
  /** Reported figures (value + unit) and a substring of their sentence; none may become a policy. */
  statistics: { value: number; unit: string; text: string }[];
}

/**
 * The project test set: twelve articles written for this project in the style of park news, policy
 * notices, 标准地 announcements and year-end reports, with what a reader would extract from each.
 */
export const TEST_SET: ExpectedArticle[] = [
  {
    file: '01-jinhua-kfq-policy.txt',
    title: '金华经济技术开发区关于支持先进制造业高质量发展的若干政策',
    parks: ['金华开发区'],
    industries: ['高端装备制造', '数字经济', '大健康'],
    policies: [
      { kind: 'investment_subsidy', quote: '按照实际完成投资总额的8%给予奖励', percent: 8, capWan: 5000 },
      { kind: 'chain_subsidy', quote: '奖励标准提高20%', multiplier: 1.2 },
      { kind: 'industry_fund', quote: '一事一议、一企一策' },
      { kind: 'equipment_subsidy', quote: '按设备投资额的15%给予不超过300万元的奖励', percent: 15, capWan: 300 },
      { kind: 'loan_interest_subsidy', quote: '给予50%的贴息', percent: 50, capWan: 100, durationYears: 3 },
      { kind: 'other', quote: '独立供地30亩以上的工业项目' },
    ],
    statistics: [],
  },
  {
    file: '02-jinhua-signing-news.html',
    title: '金华开发区2026年一季度重大项目集中签约',
    parks: ['金华开发区'],
    industries: [],
    policies: [
      { kind: 'industry_fund', quote: '安排2亿元设立产业发展引导基金', amountWan: 20000 },
      { kind: 'approval_service', quote: '拿地即开工' },
    ],
    statistics: [
      { value: 16, unit: '个', text: '本次共签约项目16个' },
      { value: 186.5, unit: '亿元', text: '总投资186.5亿元' },
      { value: 5, unit: '个', text: '其中10亿元以上项目5个' },
      { value: 312.6, unit: '亿元', text: '规上工业增加值312.6亿元' },
      { value: 8.1, unit: '%', text: '同比增长8.1%' },
      { value: 3.6, unit: '亿元', text: '兑现各类奖励补助资金3.6亿元' },
      { value: 412, unit: '家', text: '惠及企业412家' },
    ],
  },
  {
    file: '03-yiwu-rent-relief.txt',
    title: '义乌经济技术开发区关于减轻中小微企业负担的通知',
    parks: ['义乌开发区'],
    industries: [],
    policies: [
      { kind: 'rent_waiver', quote: '免收2月份房租', months: [2], percent: 100 },
      { kind: 'rent_discount', quote: '3月份、4月份房租减半', months: [3, 4], percent: 50 },
      { kind: 'rent_discount', quote: '办公类用房3至4月房租减半收取', months: [3, 4], percent: 50 },
      { kind: 'working_capital_fund', quote: '增加2000万元扩大企业应急周转金', amountWan: 2000 },
      { kind: 'talent_subsidy', quote: '人才招聘扶持资金在原基础上提高20%', multiplier: 1.2 },
      { kind: 'loan_interest_subsidy', quote: '按贷款基准利率的50%给予贴息', percent: 50 },
    ],
    statistics: [],
  },
  {
    file: '04-wenling-standard-land.md',
    title: '温岭东部新区2026年第一批工业“标准地”出让公告',
    parks: ['温岭东部新区'],
    industries: ['汽车零部件', '新能源'],
    policies: [
      { kind: 'other', quote: '电气机械和器材制造业：固定资产投资强度≥270万元/亩' },
      { kind: 'other', quote: '通用设备制造业：固定资产投资强度不低于270万元/亩' },
      { kind: 'land_price_discount', quote: '按土地出让金的30%给予产业扶持', percent: 30, capWan: 500 },
    ],
    statistics: [
      { value: 60, unit: '平方公里', text: '规划面积约60平方公里' },
      { value: 156.3, unit: '亩', text: '总面积156.3亩' },
      { value: 9380, unit: '万元', text: '挂牌起始价合计9380万元' },
    ],
  },
  {
    file: '05-hangzhouwan-talent.txt',
    title: '宁波杭州湾新区出台高层次人才集聚新政',
    parks: ['宁波杭州湾新区'],
    industries: ['新能源汽车', '新材料'],
    policies: [
      { kind: 'talent_housing', quote: '给予每人30万元的安家补贴', amountWan: 30 },
      { kind: 'talent_subsidy', quote: '给予最高500万元的项目资助', capWan: 500, multiplier: 2 },
      { kind: 'talent_housing', quote: '可免租入住人才公寓3年' },
      { kind: 'executive_tax_support', quote: '按其个人所得税地方分成部分的50%给予奖励', percent: 50, legacyRisk: true },
      { kind: 'talent_subsidy', quote: '按每人每年2万元给予用人单位补助', capWan: 50 },
    ],
    statistics: [
      { value: 18.6, unit: '万人', text: '新区现有各类人才18.6万人' },
      { value: 12, unit: '%', text: '较上年增长12%' },
    ],
  },
  {
    file: '06-yongkang-annual-report.txt',
    title: '永康经济开发区2025年工作总结',
    parks: ['永康开发区'],
    industries: ['五金制品', '汽车零部件'],
    policies: [],
    statistics: [
      { value: 1286.4, unit: '亿元', text: '全年实现工业总产值1286.4亿元' },
      { value: 6.8, unit: '%', text: '同比增长6.8%' },
      { value: 715, unit: '家', text: '规上工业企业达到715家' },
      { value: 156.2, unit: '亿元', text: '全年完成固定资产投资156.2亿元' },
      { value: 42, unit: '个', text: '新引进亿元以上项目42个' },
      { value: 1200, unit: '万元', text: '累计为中小企业减免房租1200万元' },
      { value: 3860, unit: '万元', text: '发放人才补贴3860万元' },
      { value: 2.1, unit: '亿元', text: '兑现技改补助资金2.1亿元' },
      { value: 32.6, unit: '万元', text: '亩均税收达到32.6万元' },
    ],
  },
  {
    file: '07-xiuzhou-hitech-fund.html',
    title: '嘉兴秀洲高新区设立50亿元产业基金',
    parks: ['嘉兴秀洲高新区'],
    industries: ['新能源', '集成电路'],
    policies: [
      { kind: 'industry_fund', quote: '设立总规模50亿元的产业投资基金', amountWan: 500000 },
      { kind: 'other', quote: '按实际发生额的30%给予补助', percent: 30, capWan: 200 },
      { kind: 'rent_waiver', quote: '前三年免收租金', percent: 100, durationYears: 3 },
      { kind: 'rent_discount', quote: '后两年租金减半', percent: 50 },
      { kind: 'other', quote: '分别给予一次性奖励20万元、50万元、100万元', amountWan: 20 },
    ],
    statistics: [
      { value: 86, unit: '家', text: '已集聚光伏企业86家' },
      { value: 486, unit: '亿元', text: '光伏产业产值达到486亿元' },
    ],
  },
  {
    file: '08-lanxi-land-policy.txt',
    title: '兰溪经济开发区工业用地供应和产业扶持办法（试行）',
    parks: ['兰溪开发区'],
    industries: ['新材料', '纺织服装', '高端装备制造'],
    policies: [
      { kind: 'other', quote: '固定资产投资原则上不低于3000万元' },
      { kind: 'land_price_discount', quote: '土地出让金补贴80%', percent: 80 },
      { kind: 'other', quote: '租赁区内闲置厂房的工业项目' },
      { kind: 'tax_reward', quote: '所得税县级留成部分', legacyRisk: true, durationYears: 3 },
    ],
    statistics: [],
  },
  {
    file: '09-hefei-hitech-hq.txt',
    title: '合肥高新区发布支持总部经济发展若干措施',
    parks: ['合肥高新区'],
    industries: ['人工智能', '集成电路', '生物医药'],
    policies: [
      { kind: 'office_space', quote: '每年按租金30%给予补贴', percent: 30, capWan: 150, durationYears: 3 },
      { kind: 'office_space', quote: '按照每平方米1000元给予一次性补贴', capWan: 800 },
      { kind: 'other', quote: '给予一次性500万元奖励', amountWan: 500 },
      { kind: 'executive_tax_support', quote: '按其个人所得税市级以下留成部分给予奖励', capWan: 200, legacyRisk: true },
    ],
    statistics: [
      { value: 18, unit: '家', text: '新认定总部企业18家' },
      { value: 2160, unit: '亿元', text: '总部企业营业收入达2160亿元' },
      { value: 15.2, unit: '%', text: '同比增长15.2%' },
    ],
  },
  {
    file: '10-wuyi-chain-news.txt',
    title: '武义经济开发区：链式招商引来“新”项目',
    parks: ['武义开发区'],
    industries: ['新能源'],
    policies: [
      { kind: 'equipment_subsidy', quote: '给予设备投资额10%的补助', percent: 10, capWan: 1000 },
      { kind: 'approval_service', quote: '开通重大项目审批绿色通道' },
      { kind: 'chain_subsidy', quote: '按新增配套采购额的2%给予奖励', percent: 2, capWan: 200 },
    ],
    statistics: [
      { value: 31, unit: '个', text: '新签约项目31个' },
      { value: 152.8, unit: '亿元', text: '总投资152.8亿元' },
      { value: 1, unit: '个', text: '其中50亿元以上项目1个' },
      { value: 4, unit: '个', text: '10亿元以上项目4个' },
      { value: 412, unit: '家', text: '已集聚规上企业412家' },
    ],
  },
  {
    file: '11-dongyang-industrial-park.txt',
    title: '东阳经济开发区磁性材料产业园正式开园',
    parks: ['东阳开发区', '东阳经济开发区磁性材料产业园'],
    industries: [],
    policies: [
      { kind: 'rent_waiver', quote: '第一年免收厂房租金', percent: 100 },
      { kind: 'rent_discount', quote: '第二、三年租金按5折收取', percent: 50 },
      { kind: 'equipment_subsidy', quote: '按设备购置额的12%给予补助', percent: 12, capWan: 500 },
      { kind: 'tax_reward', quote: '增值税地方留成部分，按60%给予奖励', percent: 60, durationYears: 3, legacyRisk: true },
    ],
    statistics: [
      { value: 420, unit: '亩', text: '总用地面积420亩' },
      { value: 32, unit: '万平方米', text: '总建筑面积32万平方米' },
      { value: 18, unit: '亿元', text: '总投资18亿元' },
      { value: 50, unit: '亿元', text: '年产值50亿元' },
    ],
  },
  {
    file: '12-huzhou-moganshan-biomed.html',
    title: '莫干山高新区生物医药产业扶持政策解读',
    parks: ['湖州莫干山高新区'],
    industries: ['生物医药', '医疗器械'],
    policies: [
      { kind: 'other', quote: '给予一次性奖励300万元', amountWan: 300 },
      { kind: 'rent_waiver', quote: '给予3年免租' },
      { kind: 'loan_interest_subsidy', quote: '按实际支付利息的50%给予贴息', percent: 50, capWan: 100 },
      { kind: 'investment_subsidy', quote: '按固定资产投资额的10%给予补助', percent: 10, capWan: 2000 },
      { kind: 'talent_housing', quote: '优先安排人才公寓' },
    ],
    statistics: [
      { value: 127, unit: '家', text: '已集聚生物医药企业127家' },
      { value: 156, unit: '亿元', text: '实现产值156亿元' },
      { value: 21.3, unit: '%', text: '同比增长21.3%' },
    ],
  },
];
