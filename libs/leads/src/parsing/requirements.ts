import { normalizeText, round } from './text.js';

export interface ParsedRequirements {
  /** 层高/净高 (m). */
  clearHeightM?: number;
  /** 承重 (t/㎡). */
  floorLoadT?: number;
  /** 行车/天车 capacity (t). */
  craneT?: number;
  /** 用电 / transformer capacity (kVA). */
  powerKva?: number;
  /** 用电 written in kW. */
  powerKw?: number;
  /** 环评: true = needs an environmental approval, false = says none needed. */
  envApproval?: boolean;
}

const NUM = '(\\d{1,9}(?:\\.\\d{1,4})?)';
const GAP = '[^\\d\\n;,，。]{0,8}?';

const HEIGHT_RE = new RegExp(`(?:层高|净高|檐高|檐口高度|高度)${GAP}${NUM}\\s*(?:米|m|M)(?![²2])`);
const LOAD_RE = new RegExp(`(?:承重|荷载|地面承重|楼面承重|载荷)${GAP}${NUM}\\s*(吨|t|T|kN|KN|千牛)`);
const CRANE_RE = new RegExp(`(?:行车|天车|吊车|起重机|桥吊|龙门吊)${GAP}${NUM}\\s*(?:吨|t|T)`);
const CRANE_BEFORE_RE = new RegExp(`${NUM}\\s*(?:吨|t|T)(?:的)?(?:行车|天车|吊车|起重机|桥吊|龙门吊)`);
const KVA_RE = new RegExp(`${NUM}\\s*(?:KVA|kva|kVA|Kva|千伏安)`);
const KW_RE = new RegExp(`(?:用电|电力|电容量|负荷|功率)${GAP}${NUM}\\s*(?:千瓦|KW|kw|kW)(?![h])`);
const ENV_NO_RE = /(?:不需要|无需|不需|不用|不涉及|无)环评/;
const ENV_YES_RE = /环评|环境影响评价|排污许可/;

/** 层高8米, 承重3吨, 行车10吨, 用电500KVA/千伏安, 需要环评 → structured requirements. */
export function parseRequirements(input: string): ParsedRequirements {
  const text = normalizeText(input);
  const out: ParsedRequirements = {};
  const h = HEIGHT_RE.exec(text);
  if (h) out.clearHeightM = Number(h[1]);
  const l = LOAD_RE.exec(text);
  if (l) out.floorLoadT = /k|千牛/i.test(l[2]) ? round(Number(l[1]) / 9.80665, 2) : Number(l[1]);
  const c = CRANE_RE.exec(text) ?? CRANE_BEFORE_RE.exec(text);
  if (c) out.craneT = Number(c[1]);
  const kva = KVA_RE.exec(text);
  if (kva) out.powerKva = Number(kva[1]);
  const kw = KW_RE.exec(text);
  if (kw) out.powerKw = Number(kw[1]);
  if (ENV_NO_RE.test(text)) out.envApproval = false;
  else if (ENV_YES_RE.test(text)) out.envApproval = true;
  return out;
}
