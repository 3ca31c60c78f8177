import { conditionsFromText, findConditionAtoms, type ConditionRule } from './conditions.js';
import { CN_NUM, NUM, parseNumber, round, toWan } from './numbers.js';
import { KIND_TRIGGERS, LEGACY_RISK, POLICY_KIND_LABELS, type PolicyKind } from './policy-kinds.js';
import { splitClauses } from './sentences.js';

/** A policy clause as extracted, before it is tied to a park and stored. */
export interface PolicyDraft {
  kind: PolicyKind;
  title: string;
  /** Exact substring of the article text the policy came from. */
  quote: string;
  amountWan: number | null;
  percent: number | null;
  /**
   * What `percent` is a share of: a lead fact (investmentWan, fixedAssetInvestmentWan,
   * equipmentInvestmentWan) when a benefit can be estimated from the lead, else what the text names
   * (rent, landPrice, loanInterest, localTaxShare, purchaseAmount, unspecified); null without a percent.
   */
  baseFact: string | null;
  multiplier: number | null;
  months: number[];
  freeMonths: number | null;
  capWan: number | null;
  durationYears: number | null;
  conditions: ConditionRule | null;
  legacyRisk: boolean;
}

/** Words that grant something: a sentence without one is not a policy. */
const BENEFIT =
  /给予|予以|免收|减半|(?<!减)免租|全免|补贴|补助|奖励|资助|扶持|贴息|返还|减免|提高\d|上浮\d|加倍|翻倍|一事一议|一企一策|一项目一议|享受|代办|帮办|绿色通道|拿地即开工|周转金|周转资金|优先保障|专班服务|并联审批|容缺受理|承诺制|(?:设立|安排|组建)[^，。；]{0,16}(?:基金|资金)|[1-9一二三四五六七八九]折/;

/** Reporting words: results, growth, totals, rankings — statistics, not offers. */
const REPORT =
  /累计|同比|比上年|较上年|增长\d|增长了|下降\d|增幅|生产总值|GDP|已(?:为|向|经|累计|兑现|发放|帮助|完成|有|落地|签约|开工|吸引|集聚)|兑现|惠及|共签约|签约项目|签约[^，。；]{0,12}\d+个|\d+个项目|项目\d+个|实现(?:地区|规上|工业|营业|税收|产值|销售|进出口)|完成(?:固定资产|工业|投资|产值)|位列|排名|全省第|全国第|获评|入选|荣获|新增[^，。；]{0,8}\d+家|\d+家企业|共有|拥有/;

/** Words that state a rule: who gets what on which condition. */
const NORMATIVE =
  /给予|予以|免收|实行|可享受|享受|按照?[^，。；]{0,16}\d+(?:\.\d+)?%|提高\d+%|加倍|一事一议|一企一策|最高(?:可|不超过)?[^，。；]{0,4}\d|不超过\d|凡|符合[^，。；]{0,10}(?:条件|要求)|对[^，。；]{0,40}的[，,]/;

/** An entry threshold sentence (入园/准入 门槛) without a benefit in it. */
const THRESHOLD = /入园|准入|入驻|门槛|标准地|原则上|应为|须达到|必须|应当|要求/;

export type SentenceClass = 'policy' | 'threshold' | 'statistic' | 'other';

/**
 * Decides what a sentence is. Reports of results stay statistics even when they name subsidies;
 * `afterThreshold`: the previous sentence of the paragraph set entry thresholds (标准地 lists).
 */
export function classifySentence(sentence: string, afterThreshold = false): SentenceClass {
  // Questions (问：设备投入有补助吗？) ask about policies; the answers state them.
  if (/^问[：:]|[？?][”"」]?$/.test(sentence.trim())) return 'other';
  const benefit = BENEFIT.test(sentence);
  const report = REPORT.test(sentence);
  if (benefit && (!report || NORMATIVE.test(sentence))) return 'policy';
  if (
    !benefit &&
    (afterThreshold || THRESHOLD.test(sentence) || /≥|不低于|不少于/.test(sentence)) &&
    findConditionAtoms(sentence).length > 0
  ) {
    return 'threshold';
  }
  if (/\d/.test(sentence)) return 'statistic';
  return 'other';
}

function kindOf(text: string): PolicyKind | null {
  for (const t of KIND_TRIGGERS) if (t.re.test(text)) return t.kind;
  return null;
}

/**
 * Groups the clauses of a policy sentence into units, one per policy: a clause that names a new
 * kind of benefit (免收2月份房租，3月份、4月份房租减半) starts a new unit; condition clauses before
 * a benefit belong to it.
 */
export function policyUnits(sentence: string): string[] {
  const clauses = splitClauses(sentence);
  const units: { start: number; end: number; kind: PolicyKind | null }[] = [];
  let current: { start: number; end: number; kind: PolicyKind | null } | null = null;
  for (const c of clauses) {
    const k = BENEFIT.test(c.text) ? kindOf(c.text) : null;
    if (current && current.kind && k && k !== current.kind) {
      units.push(current);
      current = null;
    }
    if (!current) current = { start: c.start, end: c.end, kind: k };
    else {
      current.end = c.end;
      current.kind ??= k;
    }
  }
  if (current) units.push(current);
  return units.map((u, i) => {
    // The last unit keeps the sentence's closing punctuation out; middle units end before the comma.
    const end = i === units.length - 1 ? u.end : u.end;
    return sentence
      .slice(u.start, end)
      .replace(/[。；;！？!?]+$/, '')
      .trim();
  });
}

const N = `(${NUM}|${CN_NUM})`;
const CAP_RE = new RegExp(`(?:累计最高|最高|不超过|最多|上限为?|封顶)[^\\d，。；%]{0,8}?(${NUM})\\s*(亿元|万元)`);
const AMOUNT_RES = [
  new RegExp(
    `(?:增加|安排|设立|给予|奖励|补助|补贴|资助|扶持|一次性|总规模|规模为?|额度)[^\\d，。；%]{0,8}?(${NUM})\\s*(亿元|万元)(?!以上|以下|级|至)`,
  ),
  new RegExp(`(${NUM})\\s*(亿元|万元)(?:的)?(?:一次性)?(?:奖励|补助|补贴|资助|扶持|应急周转金|周转资金|基金|产业基金)`),
];
const MULT_RE = new RegExp(`(?:提高|上浮|增加)(${NUM})%`);
const PERCENT_RE = new RegExp(`(${NUM})\\s*%(?!以上|以下|及以上)`, 'g');

/** The rate a benefit is paid at: 按…的15% / 15%的补助 first, else the first percentage that is not a threshold. */
function benefitPercent(text: string): number | null {
  const all = [...text.matchAll(PERCENT_RE)];
  const paid = all.find(
    (m) =>
      /按照?[^，。；]{0,12}$|给予$|的$/.test(text.slice(Math.max(0, m.index - 12), m.index)) ||
      /^(?:的)?(?:给予|奖励|补助|补贴|贴息|分类补助)/.test(text.slice(m.index + m[0].length)),
  );
  const m = paid ?? all[0];
  return m ? parseNumber(m[1]) : null;
}
const DURATION_RE = new RegExp(`(?:连续[^，。；\\d]{0,4}?|最长(?:不超过)?|前|期限为?)${N}年`);
const FREE_MONTHS_RE = new RegExp(`${N}个月(?:的)?免租|免租(?:期)?${N}个月|免收${N}个月`);

function mask(text: string, spans: [number, number][]): string {
  let out = text;
  for (const [s, e] of spans) out = out.slice(0, s) + '□'.repeat(e - s) + out.slice(e);
  return out;
}

/** What a benefit percentage is a share of (按设备投资额的15% → equipmentInvestmentWan). */
function baseOf(text: string, kind: PolicyKind): string {
  if (/设备(?:投资|购置|投入)额?/.test(text)) return 'equipmentInvestmentWan';
  if (/固定资产投资额/.test(text)) return 'fixedAssetInvestmentWan';
  if (/实际完成投资|投资总额|实际投入|实际投资额|投资额/.test(text)) return 'investmentWan';
  if (/土地出让金|出让价款|地价|土地款/.test(text)) return 'landPrice';
  if (/利息|贴息|利率/.test(text)) return 'loanInterest';
  if (/财政(?:实际)?贡献|留成|分成|所得税|增值税|个税/.test(text)) return 'localTaxShare';
  if (/租金|房租/.test(text) || kind === 'rent_waiver' || kind === 'rent_discount' || kind === 'office_space') return 'rent';
  if (/采购额|购置额/.test(text)) return 'purchaseAmount';
  return 'unspecified';
}

/** Calendar months named in a rent clause: 2月份 → [2]; 3至4月 → [3,4]; 3月份、4月份 → [3,4]. */
export function monthsOf(text: string): number[] {
  const months = new Set<number>();
  let rest = text;
  for (const m of text.matchAll(/(\d{1,2})\s*(?:月份?)?\s*(?:至|到|-|—|~|－)\s*(\d{1,2})\s*月/g)) {
    const a = Number(m[1]);
    const b = Number(m[2]);
    if (a >= 1 && b <= 12 && a <= b) for (let i = a; i <= b; i++) months.add(i);
    rest = rest.replace(m[0], '□');
  }
  for (const m of rest.matchAll(/(?<![\d个])(\d{1,2})\s*月(?!\d|日)/g)) {
    const v = Number(m[1]);
    if (v >= 1 && v <= 12) months.add(v);
  }
  return [...months].sort((a, b) => a - b);
}

/** Structured fields of one policy unit. */
export function parsePolicyUnit(unit: string): PolicyDraft | null {
  const kindFound = kindOf(unit);
  const atoms = findConditionAtoms(unit);
  const conditions = conditionsFromText(unit, atoms);
  let text = mask(
    unit,
    atoms.filter((a) => a.leaf.fact !== 'propertyType' && a.leaf.fact !== 'dealType').map((a) => [a.start, a.end]),
  );

  let capWan: number | null = null;
  const cap = CAP_RE.exec(text);
  if (cap) {
    capWan = toWan(parseNumber(cap[1]), cap[2]);
    text = mask(text, [[cap.index, cap.index + cap[0].length]]);
  }
  let multiplier: number | null = null;
  const mult = MULT_RE.exec(text);
  if (mult) {
    multiplier = round(1 + parseNumber(mult[1]) / 100);
    text = mask(text, [[mult.index, mult.index + mult[0].length]]);
  } else if (/加倍|翻倍|翻番/.test(text)) multiplier = 2;

  let amountWan: number | null = null;
  let amountAt = Infinity;
  for (const re of AMOUNT_RES) {
    const m = re.exec(text);
    if (m && m.index < amountAt) {
      amountAt = m.index;
      amountWan = toWan(parseNumber(m[1]), m[2]);
    }
  }

  const kind: PolicyKind = kindFound ?? 'other';
  let percent: number | null = null;
  if (kind === 'rent_waiver') percent = 100;
  else if (kind === 'rent_discount' && /减半/.test(text)) percent = 50;
  else {
    const fold = /([1-9一二三四五六七八九])折/.exec(text);
    const p = benefitPercent(text);
    if (p !== null) percent = p;
    else if (kind === 'rent_discount' && fold) percent = 100 - parseNumber(fold[1]) * 10;
  }

  const baseFact = percent === null ? null : baseOf(unit, kind);
  const d = DURATION_RE.exec(text);
  const durationYears = d ? parseNumber(d[1]) : null;
  const fm = FREE_MONTHS_RE.exec(text);
  const freeMonths = fm ? parseNumber(fm[1] ?? fm[2] ?? fm[3]) : null;
  const months = kind === 'rent_waiver' || kind === 'rent_discount' ? monthsOf(text) : [];

  // A unit with no specific kind is a policy only when it offers something measurable.
  if (!kindFound && amountWan === null && capWan === null && percent === null && multiplier === null) return null;

  const short = unit.length > 28 ? `${unit.slice(0, 28)}…` : unit;
  return {
    kind,
    title: `${POLICY_KIND_LABELS[kind]}：${short}`,
    quote: unit,
    amountWan,
    percent,
    baseFact,
    multiplier,
    months,
    freeMonths: Number.isFinite(freeMonths) ? freeMonths : null,
    capWan,
    durationYears: Number.isFinite(durationYears) ? durationYears : null,
    conditions,
    legacyRisk: LEGACY_RISK.test(unit),
  };
}

/** Every policy in one sentence (already classified as a policy sentence). */
export function extractPolicies(sentence: string): PolicyDraft[] {
  return policyUnits(sentence)
    .map((u) => parsePolicyUnit(u))
    .filter((p): p is PolicyDraft => p !== null);
}

/** An entry threshold sentence as an `other` policy carrying its rule tree. */
export function thresholdPolicy(sentence: string): PolicyDraft | null {
  const conditions = conditionsFromText(sentence);
  if (!conditions) return null;
  const quote = sentence.replace(/[。；;！？!?]+$/, '').trim();
  return {
    kind: 'other',
    title: `准入条件：${quote.length > 28 ? `${quote.slice(0, 28)}…` : quote}`,
    quote,
    amountWan: null,
    percent: null,
    baseFact: null,
    multiplier: null,
    months: [],
    freeMonths: null,
    capWan: null,
    durationYears: null,
    conditions,
    legacyRisk: false,
  };
}
