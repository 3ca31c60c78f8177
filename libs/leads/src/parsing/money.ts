import { AMOUNT_PATTERN, normalizeText, parseAmount, round } from './text.js';

const MONEY_UNIT = '(万元|万|亿元|亿|元)?';
const MONEY_RE = new RegExp(`(${AMOUNT_PATTERN})\\s*${MONEY_UNIT}`);

/**
 * One money amount → 万元: `300万`, `500万元`, `1.2亿`, `2亿元`, `三百万`, `两个亿`, `1500000元`;
 * a bare number means 万元 (`300` → 300). null when there is no number.
 */
export function parseMoneyWan(input: string): number | null {
  const text = normalizeText(input);
  const m = MONEY_RE.exec(text);
  if (!m) return null;
  return moneyFromMatch(m[1], m[2]);
}

function moneyFromMatch(amountText: string, unit: string | undefined): number | null {
  const value = parseAmount(amountText);
  if (value === null) return null;
  const hasMultiplier = /[万亿]/.test(amountText);
  if (unit === '亿' || unit === '亿元') return round((value * 1e8) / 1e4, 4);
  if (unit === '万' || unit === '万元') return round((value * 1e4) / 1e4, 4);
  if (hasMultiplier || unit === '元') return round(value / 1e4, 4);
  return round(value, 4);
}

const FILLER =
  '(?:[:：\\s]|约|大约|预计|预估|估计|可达|可达到|达到|达|能|每年|一年|年|大概|在|为|是|有|可实现|实现|不低于|不少于|超过|至少|大于|左右)*';
const TAX_PER_MU_RE = new RegExp(`亩均(?:税收|纳税|税)${FILLER}(${AMOUNT_PATTERN})\\s*${MONEY_UNIT}`);
const TAX_RE = new RegExp(
  `(?<!亩均)(?:年税收|年纳税额?|年税额|年缴税|年度税收|纳税额|税收贡献|税收|纳税|缴税|税额|开票税收|年税)${FILLER}(${AMOUNT_PATTERN})\\s*${MONEY_UNIT}`,
);
const TAX_AFTER_RE = new RegExp(`(?:每年|年)(?:缴|交|纳)?(?:税|纳税)${FILLER}(${AMOUNT_PATTERN})\\s*${MONEY_UNIT}`);
const INVEST_RE = new RegExp(
  `(?:总投资额?|投资总额|计划投资|拟投资|固定资产投资|固投|投资额|投资规模|投资)${FILLER}(${AMOUNT_PATTERN})\\s*${MONEY_UNIT}`,
);

export interface ParsedTax {
  annualTaxWan: number | null;
  /** 亩均税收: annual tax per mu of land (万元/亩). */
  taxPerMuWan: number | null;
}

/**
 * Tax from free text: `年税收300万`, `年纳税500万元`, `税收500万元/年`, `亩均税收30万`.
 * With `bareMeansTax` (the dedicated 税收 field) the first amount counts even without a keyword.
 */
export function parseTax(input: string, bareMeansTax = false): ParsedTax {
  const text = normalizeText(input);
  const perMu = TAX_PER_MU_RE.exec(text);
  const taxPerMuWan = perMu ? moneyFromMatch(perMu[1], perMu[2]) : null;
  const withoutPerMu = perMu ? text.split(perMu[0]).join(' ') : text;
  let annualTaxWan: number | null = null;
  const m = TAX_RE.exec(withoutPerMu) ?? TAX_AFTER_RE.exec(withoutPerMu);
  if (m) annualTaxWan = moneyFromMatch(m[1], m[2]);
  else if (bareMeansTax && !perMu) annualTaxWan = parseMoneyWan(withoutPerMu);
  return { annualTaxWan, taxPerMuWan };
}

/** Investment from free text: `总投资2亿`, `投资5000万`, `计划投资1.5亿元` → 万元. */
export function parseInvestment(input: string): number | null {
  const m = INVEST_RE.exec(normalizeText(input));
  return m ? moneyFromMatch(m[1], m[2]) : null;
}
