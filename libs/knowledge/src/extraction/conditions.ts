import { NUM, parseNumber, round, toWan } from './numbers.js';

/** Lead facts a policy condition can test (万元, 亩, 元/㎡; codes and enums as strings). */
export const LEAD_FACTS = [
  'investmentWan',
  'fixedAssetInvestmentWan',
  'equipmentInvestmentWan',
  'landAreaMu',
  'investIntensityWanPerMu',
  'investPerSqmYuan',
  'taxPerMuWan',
  'annualTaxWan',
  'annualRevenueWan',
  'executiveSalaryWan',
  'industryCode',
  'propertyType',
  'dealType',
] as const;
export type LeadFact = (typeof LEAD_FACTS)[number];

export const CONDITION_OPS = ['gte', 'gt', 'lte', 'lt', 'eq', 'neq', 'in'] as const;
export type ConditionOp = (typeof CONDITION_OPS)[number];

export interface ConditionLeaf {
  fact: LeadFact;
  op: ConditionOp;
  value: number | string | (number | string)[];
}
/** A rule tree over lead facts: `{and:[…]}`, `{or:[…]}` or a `{fact, op, value}` leaf. */
export type ConditionRule = { and: ConditionRule[] } | { or: ConditionRule[] } | ConditionLeaf;

export type LeadFacts = Partial<Record<LeadFact, number | string | null | undefined>>;

export interface ConditionEvaluation {
  /** 'unknown' when the answer depends on facts the lead does not have yet. */
  result: true | false | 'unknown';
  /** Facts the lead lacks that the answer depends on. */
  missing: LeadFact[];
  /** One line per tested fact, in Chinese: 固定资产投资 8000 ≥ 6000 ✓. */
  reasons: string[];
}

/** Chinese label and unit of each fact, for reasons shown to consultants. */
export const FACT_LABELS: Record<LeadFact, { zh: string; unit: string }> = {
  investmentWan: { zh: '总投资', unit: '万元' },
  fixedAssetInvestmentWan: { zh: '固定资产投资', unit: '万元' },
  equipmentInvestmentWan: { zh: '设备投资', unit: '万元' },
  landAreaMu: { zh: '用地面积', unit: '亩' },
  investIntensityWanPerMu: { zh: '亩均投资强度', unit: '万元/亩' },
  investPerSqmYuan: { zh: '每平方米投资强度', unit: '元/㎡' },
  taxPerMuWan: { zh: '亩均税收', unit: '万元/亩' },
  annualTaxWan: { zh: '年纳税额', unit: '万元' },
  annualRevenueWan: { zh: '年销售收入', unit: '万元' },
  executiveSalaryWan: { zh: '高管年薪', unit: '万元' },
  industryCode: { zh: '行业代码', unit: '' },
  propertyType: { zh: '载体类型', unit: '' },
  dealType: { zh: '交易方式', unit: '' },
};

const OP_SIGNS: Record<ConditionOp, string> = { gte: '≥', gt: '>', lte: '≤', lt: '<', eq: '=', neq: '≠', in: '∈' };

export function isLeaf(rule: ConditionRule): rule is ConditionLeaf {
  return 'fact' in rule;
}

/** Fills derived facts the rule may test: 亩均投资强度 = 固定资产投资 / 亩, 亩均税收 = 年纳税额 / 亩. */
function withDerived(facts: LeadFacts): LeadFacts {
  const f = { ...facts };
  const mu = typeof f.landAreaMu === 'number' && f.landAreaMu > 0 ? f.landAreaMu : undefined;
  const invest = typeof f.fixedAssetInvestmentWan === 'number' ? f.fixedAssetInvestmentWan : undefined;
  if (f.investIntensityWanPerMu == null && mu && invest !== undefined) f.investIntensityWanPerMu = round(invest / mu);
  if (f.taxPerMuWan == null && mu && typeof f.annualTaxWan === 'number') f.taxPerMuWan = round(f.annualTaxWan / mu);
  return f;
}

function compare(actual: number | string, op: ConditionOp, expected: ConditionLeaf['value']): boolean {
  switch (op) {
    case 'gte':
      return Number(actual) >= Number(expected);
    case 'gt':
      return Number(actual) > Number(expected);
    case 'lte':
      return Number(actual) <= Number(expected);
    case 'lt':
      return Number(actual) < Number(expected);
    case 'eq':
      return String(actual) === String(expected);
    case 'neq':
      return String(actual) !== String(expected);
    case 'in':
      return Array.isArray(expected) && expected.map(String).includes(String(actual));
  }
}

/**
 * Evaluates a rule tree against a lead's facts with three-valued logic: a false branch decides an
 * `and`, a true branch decides an `or`, otherwise missing facts make the answer 'unknown'.
 */
export function evaluateConditions(rule: ConditionRule | null | undefined, facts: LeadFacts): ConditionEvaluation {
  if (!rule || (!isLeaf(rule) && ('and' in rule ? rule.and : rule.or).length === 0)) {
    return { result: true, missing: [], reasons: [] };
  }
  return evaluate(rule, withDerived(facts));
}

function evaluate(rule: ConditionRule, facts: LeadFacts): ConditionEvaluation {
  if (isLeaf(rule)) {
    const label = FACT_LABELS[rule.fact] ?? { zh: rule.fact, unit: '' };
    const expected = Array.isArray(rule.value) ? rule.value.join('/') : String(rule.value);
    const actual = facts[rule.fact];
    if (actual === undefined || actual === null || actual === '') {
      return {
        result: 'unknown',
        missing: [rule.fact],
        reasons: [`${label.zh}未知（要求 ${OP_SIGNS[rule.op]} ${expected}${label.unit}）`],
      };
    }
    const ok = compare(actual, rule.op, rule.value);
    return {
      result: ok,
      missing: [],
      reasons: [`${label.zh} ${actual}${label.unit} ${ok ? '满足' : '不满足'} ${OP_SIGNS[rule.op]} ${expected}${label.unit}`],
    };
  }
  const isAnd = 'and' in rule;
  const parts = (isAnd ? rule.and : rule.or).map((r) => evaluate(r, facts));
  const reasons = parts.flatMap((p) => p.reasons);
  const missing = [...new Set(parts.flatMap((p) => p.missing))];
  const decisive = isAnd ? false : true;
  if (parts.some((p) => p.result === decisive)) {
    return { result: decisive, missing: [], reasons };
  }
  if (parts.some((p) => p.result === 'unknown')) return { result: 'unknown', missing, reasons };
  return { result: !decisive, missing: [], reasons };
}

/** Problems in a rule tree written by a person (PATCH /api/policies/:id), as `path: why` pairs. */
export function validateConditionRule(rule: unknown, path = 'conditions'): { field: string; zh: string; en: string }[] {
  if (rule === null || typeof rule !== 'object' || Array.isArray(rule)) {
    return [{ field: path, zh: '必须是 {and:[…]}、{or:[…]} 或 {fact, op, value}', en: 'must be {and:[…]}, {or:[…]} or {fact, op, value}' }];
  }
  const r = rule as Record<string, unknown>;
  for (const k of ['and', 'or'] as const) {
    if (k in r) {
      if (!Array.isArray(r[k])) return [{ field: `${path}.${k}`, zh: '必须是列表', en: 'must be a list' }];
      return (r[k] as unknown[]).flatMap((c, i) => validateConditionRule(c, `${path}.${k}[${i}]`));
    }
  }
  const errors: { field: string; zh: string; en: string }[] = [];
  if (!LEAD_FACTS.includes(r.fact as LeadFact)) {
    errors.push({ field: `${path}.fact`, zh: `必须是以下之一：${LEAD_FACTS.join(', ')}`, en: `must be one of: ${LEAD_FACTS.join(', ')}` });
  }
  if (!CONDITION_OPS.includes(r.op as ConditionOp)) {
    errors.push({
      field: `${path}.op`,
      zh: `必须是以下之一：${CONDITION_OPS.join(', ')}`,
      en: `must be one of: ${CONDITION_OPS.join(', ')}`,
    });
  }
  const v = r.value;
  const okValue =
    typeof v === 'number' || typeof v === 'string' || (Array.isArray(v) && v.every((x) => typeof x === 'number' || typeof x === 'string'));
  if (!okValue) errors.push({ field: `${path}.value`, zh: '必须是数字、文本或它们的列表', en: 'must be a number, text or a list of them' });
  return errors;
}

// ---------------------------------------------------------------------------------------------
// Parsing conditions out of Chinese text

/** Fact keywords, most specific first (每亩固定资产投资 is intensity, not fixed-asset investment). */
const FACT_KEYWORDS: { fact: LeadFact; kw: string }[] = [
  { fact: 'investPerSqmYuan', kw: '每平方米(?:投资强度|投资)' },
  {
    fact: 'investIntensityWanPerMu',
    kw: '(?:亩均(?:固定资产)?投资强度|固定资产投资强度|每亩固定资产投资|亩均固定资产投资|亩均投资|投资强度)',
  },
  { fact: 'taxPerMuWan', kw: '(?:年度亩均纳税|亩均年?税收|亩均纳税|地均税收|每亩年?(?:纳税|税收))' },
  { fact: 'annualTaxWan', kw: '(?:年纳税额|年纳税|年度纳税额?|年税收|纳税总额)' },
  { fact: 'fixedAssetInvestmentWan', kw: '固定资产投资(?:额)?' },
  { fact: 'equipmentInvestmentWan', kw: '(?:生产性)?设备(?:投资|投入)(?:额)?' },
  { fact: 'investmentWan', kw: '(?:实际完成投资|投资总额|计划总投资|总投资|投资规模|项目投资|实际投资|投资额)' },
  { fact: 'landAreaMu', kw: '(?:独立供地|供地|用地面积|用地|占地)' },
  { fact: 'executiveSalaryWan', kw: '(?:税前年收入|年薪)' },
  { fact: 'annualRevenueWan', kw: '(?:年销售收入|年营业收入|年主营业务收入|年度销售收入)' },
];

const COMPARATOR = '(不低于|不少于|不小于|达到|超过|大于|高于|不高于|不超过|低于|小于|≥|>=|≤|<=|在)?';
const INCL = '(?:[（(]含(?:本数)?[^）)]{0,8}[）)])?';

/** One comparison found in text, with its span. */
export interface ConditionAtom {
  leaf: ConditionLeaf;
  start: number;
  end: number;
}

const ATOM_PATTERNS = FACT_KEYWORDS.map(({ fact, kw }) => ({
  fact,
  re: new RegExp(
    `${kw}[^，。；、,\\d%或且和及]{0,10}?${COMPARATOR}\\s*(${NUM})\\s*(亿元|万元|元|亩|万平方米|平方米)?(\\/亩|每亩)?${INCL}(及以上|以上|以下|及以下)?${INCL}`,
    'g',
  ),
}));

/** Any fact keyword: a cheap test before the ten patterns. */
const ANY_KEYWORD = new RegExp(FACT_KEYWORDS.map((k) => k.kw).join('|'));

/** Comparisons like 固定资产投资不低于6000万元, 投资规模1亿元(含)以上, 独立供地30亩以上. */
export function findConditionAtoms(text: string): ConditionAtom[] {
  const atoms: ConditionAtom[] = [];
  if (!/\d/.test(text) || !ANY_KEYWORD.test(text)) return rentalAtoms(text, atoms);
  const taken: [number, number][] = [];
  for (const { fact, re } of ATOM_PATTERNS) {
    for (const m of text.matchAll(re)) {
      const [whole, cmp, num, unit, perMu, bound] = m;
      if (!cmp && !bound) continue;
      if (cmp === '在' && !bound) continue;
      const start = m.index;
      const end = start + whole.length;
      if (taken.some(([s, e]) => start < e && end > s)) continue;
      const value = parseNumber(num);
      if (!Number.isFinite(value)) continue;
      let f: LeadFact = fact;
      if (f === 'annualTaxWan' && perMu) f = 'taxPerMuWan';
      const op: ConditionOp = /^(?:不超过|不高于|低于|小于|≤|<=)$/.test(cmp ?? '') || /以下/.test(bound ?? '') ? 'lte' : 'gte';
      let v: number;
      if (f === 'landAreaMu') {
        if (unit && unit !== '亩') continue;
        v = value;
      } else if (f === 'investPerSqmYuan') {
        v = unit && unit !== '元' ? toWan(value, unit) * 10000 : value;
      } else {
        if (unit === '亩' || unit === '平方米' || unit === '万平方米') continue;
        v = unit ? toWan(value, unit) : value;
      }
      atoms.push({ leaf: { fact: f, op, value: v }, start, end });
      taken.push([start, end]);
    }
  }
  return rentalAtoms(text, atoms);
}

/** 租赁/租用…厂房: the rule applies to leads renting a factory. */
function rentalAtoms(text: string, atoms: ConditionAtom[]): ConditionAtom[] {
  const property = /租赁[^，。；]{0,8}厂房|租用[^，。；]{0,8}厂房/.exec(text);
  if (property) {
    atoms.push({ leaf: { fact: 'propertyType', op: 'eq', value: 'factory' }, start: property.index, end: property.index + 1 });
    atoms.push({ leaf: { fact: 'dealType', op: 'eq', value: 'rent' }, start: property.index, end: property.index + 1 });
  }
  return atoms.sort((a, b) => a.start - b.start);
}

/**
 * A rule tree from the comparisons of a text: adjacent comparisons joined by 或 form an `or`,
 * everything else is `and` (且/并/、/，): A，且B或C → {and:[A, {or:[B, C]}]}.
 */
export function conditionsFromText(text: string, found?: ConditionAtom[]): ConditionRule | null {
  const atoms = found ?? findConditionAtoms(text);
  if (atoms.length === 0) return null;
  const groups: ConditionLeaf[][] = [[atoms[0].leaf]];
  for (let i = 1; i < atoms.length; i++) {
    const between = text.slice(atoms[i - 1].end, atoms[i].start);
    if (/或/.test(between) && !/且|并且|同时/.test(between)) groups[groups.length - 1].push(atoms[i].leaf);
    else groups.push([atoms[i].leaf]);
  }
  const parts: ConditionRule[] = groups.map((g) => (g.length === 1 ? g[0] : { or: g }));
  return { and: parts };
}
