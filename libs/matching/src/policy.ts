import { fmt } from './format.js';
import type { MatchReason } from './types.js';

/** The facts a policy condition can ask about (all optional: a missing one makes the answer unknown). */
export type PolicyFactValues = Record<string, number | string | boolean | null | undefined>;

/**
 * A condition tree: `{all: [...]}`, `{any: [...]}` (also `and`/`or`), `{not: rule}` or a leaf
 * `{fact, op, value}` with op one of >= > <= < == != in prefix.
 */
export type Rule =
  { all: Rule[] } | { any: Rule[] } | { and: Rule[] } | { or: Rule[] } | { not: Rule } | { fact: string; op: string; value: unknown };

export interface RuleOutcome {
  result: boolean | 'unknown';
  missing: string[];
  reasons: MatchReason[];
}

/** Chinese and English names of the facts policies ask about. */
export const FACT_NAMES: Record<string, [string, string]> = {
  investmentWan: ['投资额', 'the investment'],
  fixedAssetInvestmentWan: ['固定资产投资额', 'the fixed-asset investment'],
  annualTaxWan: ['年税收', 'the annual tax'],
  taxPerMuWan: ['亩均税收', 'the tax per mu'],
  investIntensityWanPerMu: ['投资强度', 'the investment intensity'],
  industryCode: ['行业', 'the industry'],
  areaMu: ['用地面积', 'the land area'],
  landAreaMu: ['用地面积', 'the land area'],
  investPerSqmYuan: ['每平方米投资强度', 'the investment per m²'],
  executiveSalaryWan: ['高管年薪', 'the executive salary'],
  areaSqm: ['面积', 'the area'],
  propertyType: ['载体类型', 'the property type'],
  dealType: ['租售方式', 'rent or buy'],
  annualRevenueWan: ['年营业收入', 'the annual revenue'],
  equipmentInvestmentWan: ['设备投资额', 'the equipment investment'],
};

const OPS_ZH: Record<string, string> = {
  '>=': '不低于',
  '>': '高于',
  '<=': '不高于',
  '<': '低于',
  '==': '为',
  '!=': '不为',
  in: '属于',
  prefix: '属于',
};

function factName(f: string): [string, string] {
  return FACT_NAMES[f] ?? [f, f];
}

function valueText(v: unknown): string {
  if (typeof v === 'number') return fmt(v, 2);
  if (Array.isArray(v)) return v.map(String).join('、');
  return String(v);
}

function unitOf(fact: string): string {
  if (fact.endsWith('WanPerMu')) return '万元/亩';
  if (fact.endsWith('Wan')) return '万元';
  if (fact === 'areaMu' || fact === 'landAreaMu') return '亩';
  if (fact === 'investPerSqmYuan') return '元/㎡';
  if (fact === 'areaSqm') return '㎡';
  return '';
}

/** The knowledge base writes ops as words (gte, lt…); both spellings are accepted. */
const OP_ALIASES: Record<string, string> = { gte: '>=', gt: '>', lte: '<=', lt: '<', eq: '==', neq: '!=' };

function compare(rawOp: string, have: number | string | boolean, want: unknown): boolean {
  const op = OP_ALIASES[rawOp] ?? rawOp;
  switch (op) {
    case '>=':
      return Number(have) >= Number(want);
    case '>':
      return Number(have) > Number(want);
    case '<=':
      return Number(have) <= Number(want);
    case '<':
      return Number(have) < Number(want);
    case '==':
    case '=':
      return have === want || String(have) === String(want);
    case '!=':
      return String(have) !== String(want);
    case 'in':
      return Array.isArray(want) && want.some((w) => String(w) === String(have));
    case 'prefix':
      return (Array.isArray(want) ? want : [want]).some((w) => String(have).toUpperCase().startsWith(String(w).toUpperCase()));
    default:
      return false;
  }
}

/** Three-valued evaluation of a condition tree: true, false, or unknown naming the missing facts. */
export function evaluateRule(rule: Rule | null | undefined, facts: PolicyFactValues): RuleOutcome {
  if (!rule || typeof rule !== 'object' || Object.keys(rule).length === 0) return { result: true, missing: [], reasons: [] };
  const children = (rs: Rule[], mode: 'all' | 'any'): RuleOutcome => {
    const outs = rs.map((x) => evaluateRule(x, facts));
    const reasons = outs.flatMap((o) => o.reasons);
    const missing = [...new Set(outs.flatMap((o) => o.missing))];
    if (mode === 'all') {
      if (outs.some((o) => o.result === false)) return { result: false, missing: [], reasons: reasons.filter((x) => !x.ok) };
      if (outs.some((o) => o.result === 'unknown')) return { result: 'unknown', missing, reasons };
      return { result: true, missing: [], reasons };
    }
    if (outs.some((o) => o.result === true)) return { result: true, missing: [], reasons: reasons.filter((x) => x.ok) };
    if (outs.some((o) => o.result === 'unknown')) return { result: 'unknown', missing, reasons };
    return { result: false, missing: [], reasons };
  };
  if ('all' in rule) return children(rule.all, 'all');
  if ('and' in rule) return children(rule.and, 'all');
  if ('any' in rule) return children(rule.any, 'any');
  if ('or' in rule) return children(rule.or, 'any');
  if ('not' in rule) {
    const o = evaluateRule(rule.not, facts);
    return { ...o, result: o.result === 'unknown' ? 'unknown' : !o.result };
  }
  const { fact, value } = rule;
  const op = OP_ALIASES[rule.op] ?? rule.op;
  const [zh, en] = factName(fact);
  const have = facts[fact];
  const unit = unitOf(fact);
  const cond = `${zh}${OPS_ZH[op] ?? op}${valueText(value)}${unit}`;
  if (have === null || have === undefined || have === '') {
    return {
      result: 'unknown',
      missing: [fact],
      reasons: [
        {
          code: `missing_${fact}`,
          ok: false,
          text_zh: `条件"${cond}"：需要${zh}才能判断`,
          text_en: `Condition on ${en}: ${en} is needed to judge`,
        },
      ],
    };
  }
  const ok = compare(op, have, value);
  return {
    result: ok,
    missing: [],
    reasons: [
      {
        code: fact,
        ok,
        text_zh: `${zh}${valueText(have)}${unit}，${ok ? '满足' : '不满足'}"${cond}"`,
        text_en: `${en[0].toUpperCase()}${en.slice(1)} is ${valueText(have)}: ${ok ? 'meets' : 'fails'} ${op} ${valueText(value)}`,
      },
    ],
  };
}

/** What policy eligibility needs to know about a policy. */
export interface PolicyFacts {
  id: string;
  title: string;
  conditions: Rule | Record<string, unknown> | null;
  amountWan: number | null;
  percent: number | null;
  capWan: number | null;
  /** Fact the percent applies to (default investmentWan). */
  baseFact?: string | null;
}

export interface PolicyEligibility {
  eligible: boolean | 'unknown';
  reasons: MatchReason[];
  missing: string[];
  estimatedBenefitWan: number | null;
}

/** Eligibility of one policy for the investor's facts, with an estimated benefit where the formula and facts allow. */
export function evaluatePolicy(p: PolicyFacts, facts: PolicyFactValues): PolicyEligibility {
  const out = evaluateRule(p.conditions as Rule | null, facts);
  const reasons = [...out.reasons];
  if (out.result === 'unknown') {
    const names = out.missing.map((m) => factName(m));
    reasons.unshift({
      code: 'unknown',
      ok: false,
      text_zh: `需要${names.map((n) => n[0]).join('、')}才能判断`,
      text_en: `Needs ${names.map((n) => n[1]).join(', ')} to judge`,
    });
  }
  let benefit: number | null = null;
  if (out.result !== false) {
    const baseFact = p.baseFact ?? 'investmentWan';
    const base = facts[baseFact];
    if (p.percent !== null && typeof base === 'number') {
      benefit = (base * p.percent) / 100;
      if (p.capWan !== null) benefit = Math.min(benefit, p.capWan);
    } else if (p.percent === null && p.amountWan !== null) {
      benefit = p.capWan !== null ? Math.min(p.amountWan, p.capWan) : p.amountWan;
    }
    if (benefit !== null) benefit = Number(benefit.toFixed(2));
  }
  return { eligible: out.result, reasons, missing: out.missing, estimatedBenefitWan: benefit };
}
