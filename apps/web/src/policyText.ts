// A policy in plain words, from its structured fields (the article's exact sentence is shown as the source).
export interface PolicyView {
  id: string;
  kind: string;
  title: string;
  quote: string;
  amountWan: number | null;
  percent: number | null;
  multiplier: number | null;
  months: number[];
  freeMonths: number | null;
  capWan: number | null;
  durationYears: number | null;
  status: string;
  legacyRisk?: boolean;
  parkId?: string | null;
}

export function plainPolicy(p: PolicyView, lang: 'zh' | 'en'): string {
  const zh = lang === 'zh';
  const parts: string[] = [];
  if (p.freeMonths) parts.push(zh ? `免租 ${p.freeMonths} 个月` : `${p.freeMonths} months rent-free`);
  if (p.percent != null) parts.push(zh ? `按 ${p.percent}% 给予` : `${p.percent}%`);
  if (p.multiplier != null) parts.push(zh ? `按 ${p.multiplier} 倍` : `${p.multiplier}×`);
  if (p.amountWan != null) parts.push(zh ? `${p.amountWan} 万元` : `${p.amountWan * 10} thousand yuan`);
  if (p.capWan != null) parts.push(zh ? `最高 ${p.capWan} 万元` : `up to ${p.capWan * 10} thousand yuan`);
  if (p.durationYears != null) parts.push(zh ? `期限 ${p.durationYears} 年` : `for ${p.durationYears} years`);
  return parts.join(zh ? '，' : ', ');
}
