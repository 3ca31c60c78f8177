/** The kinds of policy clause the knowledge base records (DOMAIN.md B3). */
export const POLICY_KINDS = [
  'rent_waiver',
  'rent_discount',
  'investment_subsidy',
  'equipment_subsidy',
  'tax_reward',
  'land_price_discount',
  'talent_subsidy',
  'talent_housing',
  'executive_tax_support',
  'office_space',
  'working_capital_fund',
  'industry_fund',
  'loan_interest_subsidy',
  'chain_subsidy',
  'approval_service',
  'other',
] as const;
export type PolicyKind = (typeof POLICY_KINDS)[number];

export const POLICY_STATUSES = ['extracted', 'reviewed', 'rejected'] as const;
export type PolicyStatus = (typeof POLICY_STATUSES)[number];

/** Chinese label of each kind (titles, the web app). */
export const POLICY_KIND_LABELS: Record<PolicyKind, string> = {
  rent_waiver: '房租减免（免收）',
  rent_discount: '房租优惠（减半/折扣）',
  investment_subsidy: '投资补助',
  equipment_subsidy: '设备投资补助',
  tax_reward: '税收贡献奖励',
  land_price_discount: '土地价格优惠',
  talent_subsidy: '人才补贴',
  talent_housing: '人才住房补贴',
  executive_tax_support: '高管个税奖励',
  office_space: '办公用房补贴',
  working_capital_fund: '应急周转资金',
  industry_fund: '产业基金/一事一议',
  loan_interest_subsidy: '贷款贴息',
  chain_subsidy: '产业链配套奖励',
  approval_service: '审批服务',
  other: '其他政策',
};

/**
 * Kind triggers, in priority order: the first that matches a clause (or a whole policy unit) wins.
 * Written against the phrasings of DOMAIN.md section B3/D and real notices.
 */
export const KIND_TRIGGERS: { kind: PolicyKind; re: RegExp }[] = [
  { kind: 'working_capital_fund', re: /应急周转金|周转资金|应急转贷|转贷资金|过桥资金|应急资金池/ },
  { kind: 'loan_interest_subsidy', re: /贴息|贷款利息|利息补贴|担保费补贴/ },
  { kind: 'talent_housing', re: /人才公寓|人才房|住房(?:和生活)?补贴|安家补贴|购房补贴|租房补贴|安居/ },
  { kind: 'rent_waiver', re: /免收[^，。；]{0,10}(?:房租|租金)|(?:房租|租金)[^，。；]{0,6}全免|(?<!减)免租|免收租金/ },
  {
    kind: 'rent_discount',
    re: /(?:房租|租金)[^，。；]{0,8}减半|减半[^，。；]{0,6}(?:房租|租金)|(?:房租|租金)[^，。；]{0,10}(?:优惠|减免|按?[1-9一二三四五六七八九]折)|减免[^，。；]{0,4}(?:房租|租金)/,
  },
  {
    kind: 'executive_tax_support',
    re: /(?:高管|高级管理人员|经营管理团队|核心团队)[^。；]{0,40}(?:个人所得税|个税|个人财政贡献|税前年收入)/,
  },
  {
    kind: 'talent_subsidy',
    re: /人才(?:招聘|引进|培养)?[^。；]{0,20}(?:补贴|补助|扶持资金|奖励|资助)|引才|招聘[^。；]{0,10}(?:补贴|扶持)|博士|硕士|研究生|高校毕业生|大学生|技能人才|工匠|高层次人才/,
  },
  {
    kind: 'office_space',
    re: /(?:办公用房|写字楼|办公场所|办公楼|总部大楼|自用办公)[^。；]{0,40}(?:补贴|补助|减免)|购建[^。；]{0,30}补贴/,
  },
  { kind: 'equipment_subsidy', re: /设备(?:投资|投入|购置)|技改|技术改造|智能化改造|数字化改造|绿色改造/ },
  {
    kind: 'land_price_discount',
    re: /土地出让金|出让价款|地价|土地价格|用地价格|土地款|土地使用权出让|弹性年期|先租后让|土地[^。；]{0,6}(?:返还|优惠)/,
  },
  {
    kind: 'tax_reward',
    re: /地方财政(?:实际)?贡献|财政贡献|留成部分|县级留成|市级留成|地方留成|地方所得部分|税收[^。；]{0,8}(?:奖励|返还|扶持)|纳税[^。；]{0,10}(?:奖励|返还)/,
  },
  { kind: 'chain_subsidy', re: /产业链|链主|上下游配套|本地配套|配套企业|补链|强链/ },
  { kind: 'industry_fund', re: /产业(?:投资)?基金|引导基金|投资基金|一事一议|一企一策|一项目一议|一企一议/ },
  {
    kind: 'investment_subsidy',
    re: /(?:实际投入|投资额|投资总额|实际完成投资|固定资产投资|投资规模|实际投资|新增投资|项目投资)[^。；]{0,40}(?:补助|奖励|补贴)|(?:补助|奖励|补贴)[^。；]{0,6}投资/,
  },
  {
    kind: 'approval_service',
    re: /全程代办|代办服务|帮办|拿地即开工|绿色通道|一站式|并联审批|容缺受理|承诺制|专班服务|最多跑一次|一窗受理/,
  },
];

/** Clauses that reward local tax contribution: restricted since 公平竞争审查条例 (2024-08-01). */
export const LEGACY_RISK =
  /地方财政(?:实际)?贡献|财政贡献|留成|地方所得部分|个人财政贡献|(?:所得税|个税|增值税|税收)[^。；]{0,8}(?:地方|分成|市级|县级|区级)部分|按[^。；]{0,12}(?:缴纳|纳税|税收)[^。；]{0,16}(?:奖励|返还|补贴|扶持)|税收(?:返还|奖励)/;
