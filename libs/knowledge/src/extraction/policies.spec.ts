import { extractArticle } from './extract-article.js';
import { classifySentence, extractPolicies } from './policies.js';

/** The single policy a phrasing yields. */
function one(sentence: string) {
  expect(classifySentence(sentence)).toBe('policy');
  const ps = extractPolicies(sentence);
  expect(ps).toHaveLength(1);
  return ps[0];
}

describe('policy phrasings from the issue', () => {
  it('免收2月份房租 → rent_waiver, months [2], percent 100', () => {
    expect(one('免收2月份房租')).toMatchObject({ kind: 'rent_waiver', months: [2], percent: 100 });
  });

  it('3至4月房租减半收取 → rent_discount, months [3,4], percent 50', () => {
    expect(one('3至4月房租减半收取')).toMatchObject({ kind: 'rent_discount', months: [3, 4], percent: 50 });
  });

  it('人才招聘扶持资金在原基础上提高20% → talent_subsidy, multiplier 1.2', () => {
    expect(one('人才招聘扶持资金在原基础上提高20%')).toMatchObject({ kind: 'talent_subsidy', multiplier: 1.2, percent: null });
  });

  it('增加2000万元扩大企业应急周转金 → working_capital_fund, amountWan 2000', () => {
    expect(one('增加2000万元扩大企业应急周转金')).toMatchObject({ kind: 'working_capital_fund', amountWan: 2000 });
  });

  it('按设备投资额的15%给予不超过300万元的奖励 → equipment_subsidy, percent 15, capWan 300', () => {
    expect(one('按设备投资额的15%给予不超过300万元的奖励')).toMatchObject({
      kind: 'equipment_subsidy',
      percent: 15,
      capWan: 300,
      amountWan: null,
      conditions: null,
    });
  });

  it('6000万元 / 200万元每亩 / 10万元每亩 eligibility → a rule tree', () => {
    const text = '固定资产投资不低于6000万元，且亩均投资强度不低于200万元或年纳税额不低于10万元/亩';
    const r = extractArticle({ body: `入园项目${text}。` });
    expect(r.policies).toHaveLength(1);
    expect(r.policies[0].conditions).toEqual({
      and: [
        { fact: 'fixedAssetInvestmentWan', op: 'gte', value: 6000 },
        {
          or: [
            { fact: 'investIntensityWanPerMu', op: 'gte', value: 200 },
            { fact: 'taxPerMuWan', op: 'gte', value: 10 },
          ],
        },
      ],
    });
  });
});

describe('DOMAIN.md section D phrasings', () => {
  it('1. 一免两减半 → a rent waiver for February and a 50% discount for March and April', () => {
    const ps = extractPolicies('对于从事生产经营活动的商业用房实行“一免两减半”，免收2月份房租，3月份、4月份房租减半。');
    expect(ps.map((p) => [p.kind, p.months, p.percent])).toEqual([
      ['rent_waiver', [2], 100],
      ['rent_discount', [3, 4], 50],
    ]);
    expect(ps[1].quote).toBe('3月份、4月份房租减半');
  });

  it('2. 写字楼两个月免租期；厂房一个月免租期 → two rent waivers with free months', () => {
    const r = extractArticle({ body: '写字楼入驻享受每年两个月免租期；厂房入驻享受一个月免租期。' });
    expect(r.policies.map((p) => [p.kind, p.freeMonths])).toEqual([
      ['rent_waiver', 2],
      ['rent_waiver', 1],
    ]);
  });

  it('3. 投资规模1亿元(含)以上…10%的分类补助，最高5000万元 → investment_subsidy', () => {
    const p = one(
      '对投资规模1亿元(含)以上的重大工业投资项目，按照实际投入（仅指设备、技术及软件投入）给予10%的分类补助，集成电路、智能装备项目最高补助5000万元，其他项目最高2000万元，按开工、竣工投产分别给予30%、70%',
    );
    expect(p).toMatchObject({ kind: 'investment_subsidy', percent: 10, capWan: 5000 });
    expect(p.conditions).toEqual({ and: [{ fact: 'investmentWan', op: 'gte', value: 10000 }] });
  });

  it('4. 设备投资500万元以上的技改项目 15% 不超过300万元 → equipment_subsidy with a ≥500 condition', () => {
    const p = one('一年内生产性设备投资500万元以上的技改项目，按设备投资额的15%给予不超过300万元的奖励');
    expect(p).toMatchObject({ kind: 'equipment_subsidy', percent: 15, capWan: 300 });
    expect(p.conditions).toEqual({ and: [{ fact: 'equipmentInvestmentWan', op: 'gte', value: 500 }] });
  });

  it('5. 实际完成投资1亿元以上（含本数）8% 最高5000万元 → investment_subsidy', () => {
    const p = one('实际完成投资1亿元以上（含本数）的项目，按照实际完成投资总额的8%进行奖励，单个项目奖励资金累计最高不超过5000万元');
    expect(p).toMatchObject({ kind: 'investment_subsidy', percent: 8, capWan: 5000 });
    expect(p.conditions).toEqual({ and: [{ fact: 'investmentWan', op: 'gte', value: 10000 }] });
  });

  it('6. 独立供地30亩以上 … → and[land ≥30, FAI ≥6000, or[intensity ≥200, tax/mu ≥10]]', () => {
    const r = extractArticle({
      body: '独立供地30亩以上的工业项目，应为固定资产投资不低于6000万元，且亩均投资强度不低于200万元或达产后的年纳税额不低于10万元/亩。',
    });
    expect(r.policies).toHaveLength(1);
    expect(r.policies[0].conditions).toEqual({
      and: [
        { fact: 'landAreaMu', op: 'gte', value: 30 },
        { fact: 'fixedAssetInvestmentWan', op: 'gte', value: 6000 },
        {
          or: [
            { fact: 'investIntensityWanPerMu', op: 'gte', value: 200 },
            { fact: 'taxPerMuWan', op: 'gte', value: 10 },
          ],
        },
      ],
    });
  });

  it('7. 租赁闲置厂房：固定资产投资、每平方米投资强度、年纳税额 → an and over five facts', () => {
    const r = extractArticle({
      body: '租赁区内闲置厂房的工业项目，准入要求为固定资产投资不低于1000万元、每平方米投资强度不低于5000元、年纳税额不低于30万元。',
    });
    expect(r.policies[0].conditions).toEqual({
      and: [
        { fact: 'propertyType', op: 'eq', value: 'factory' },
        { fact: 'dealType', op: 'eq', value: 'rent' },
        { fact: 'fixedAssetInvestmentWan', op: 'gte', value: 1000 },
        { fact: 'investPerSqmYuan', op: 'gte', value: 5000 },
        { fact: 'annualTaxWan', op: 'gte', value: 30 },
      ],
    });
  });

  it('8. 高管个人所得税分成部分的50% → executive_tax_support, legacyRisk', () => {
    const p = one('年薪100万元以上（含）的高管人员，按其个人所得税地方分成部分的50%给予奖励');
    expect(p).toMatchObject({ kind: 'executive_tax_support', percent: 50, legacyRisk: true });
    expect(p.conditions).toEqual({ and: [{ fact: 'executiveSalaryWan', op: 'gte', value: 100 }] });
  });

  it('9. 办公用房租金30%补贴，每年最高150万元，连续3年；购建每平方米1000元，最高800万元 → two office_space', () => {
    const r = extractArticle({
      body: '租用自用办公用房的，自认定次年起连续3年，每年按租金30%给予补贴，每年最高150万元；购建自用办公用房的，按每平方米1000元给予一次性补贴，最高不超过800万元；同一企业不能同时享受。',
    });
    expect(r.policies.map((p) => [p.kind, p.percent, p.capWan, p.durationYears])).toEqual([
      ['office_space', 30, 150, 3],
      ['office_space', null, 800, null],
    ]);
  });

  it('10. 标准地 indicators → entry thresholds and the park thresholds', () => {
    const r = extractArticle({
      body: '温岭东部新区标准地准入要求：电子机械和器材制造业固定资产投资强度≥270万元/亩；亩均税收≥33.2万元/亩。',
    });
    expect(r.parks.map((p) => p.name)).toEqual(['温岭东部新区']);
    expect(r.thresholds).toEqual([{ parkKey: '温岭东部新区', minInvestIntensityWanPerMu: 270, minTaxPerMuWan: 33.2 }]);
  });

  it('列入国家级的加倍奖励 → multiplier 2; 重点产业链项目奖励标准提高20% → chain_subsidy ×1.2', () => {
    expect(one('列入国家级的加倍奖励')).toMatchObject({ multiplier: 2 });
    expect(one('对重点产业链项目奖励标准提高20%')).toMatchObject({ kind: 'chain_subsidy', multiplier: 1.2 });
  });

  it('按企业对地方财政实际贡献给予60%的奖励 → tax_reward flagged legacyRisk', () => {
    expect(one('在项目竣工投产的下一年度起连续2年内，按企业对地方财政实际贡献给予市级新增部分60%的奖励')).toMatchObject({
      kind: 'tax_reward',
      percent: 60,
      durationYears: 2,
      legacyRisk: true,
    });
  });

  it('土地出让金补贴80% with FAI and per-mu conditions → land_price_discount', () => {
    const p = one('固定资产投资5000万元以上，且每亩固定资产投资在100万元以上的，土地出让金补贴80%');
    expect(p).toMatchObject({ kind: 'land_price_discount', percent: 80 });
    expect(p.conditions).toEqual({
      and: [
        { fact: 'fixedAssetInvestmentWan', op: 'gte', value: 5000 },
        { fact: 'investIntensityWanPerMu', op: 'gte', value: 100 },
      ],
    });
  });

  it('一事一议 → industry_fund; 贴息 → loan_interest_subsidy; 全程代办 → approval_service', () => {
    expect(one('对投资规模大、拉动作用强的重点项目，可采用“一事一议、一企一策”的办法给予支持')).toMatchObject({ kind: 'industry_fund' });
    expect(one('对企业新增流动资金贷款给予50%的贴息，单个企业最高不超过100万元')).toMatchObject({
      kind: 'loan_interest_subsidy',
      percent: 50,
      capWan: 100,
    });
    expect(one('对重大产业项目实行全程代办服务')).toMatchObject({ kind: 'approval_service' });
  });

  it('人才公寓 and 个税留成 housing subsidy → talent_housing, legacyRisk', () => {
    expect(one('按人才缴纳的个人所得税地方留成部分的50%，给予住房和生活补贴，最长不超过三年')).toMatchObject({
      kind: 'talent_housing',
      percent: 50,
      durationYears: 3,
      legacyRisk: true,
    });
  });
});

describe('statistics are never policies', () => {
  it.each([
    '全年实现地区生产总值248.2亿元，同比增长3.4%',
    '今年1-10月，开发区新签约项目28个，总投资322.18亿元，其中100亿元以上项目1个',
    '今年以来，开发区已为企业兑现各类奖励补助资金3.6亿元，惠及企业412家',
    '新签约亿元以上工业项目219个，总投资1115.2亿元',
    '全年累计为中小企业减免房租1200万元',
  ])('%s', (s) => {
    expect(classifySentence(s)).toBe('statistic');
  });

  it('reads labels and values of reported figures', () => {
    const r = extractArticle({ body: '今年1-10月，开发区新签约项目28个，总投资322.18亿元，其中100亿元以上项目1个。' });
    expect(r.policies).toEqual([]);
    expect(r.statistics.map((s) => [s.label, s.value, s.unit])).toEqual([
      ['新签约项目', 28, '个'],
      ['总投资', 322.18, '亿元'],
      ['100亿元以上项目', 1, '个'],
    ]);
  });
});
