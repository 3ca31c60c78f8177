import { findConditionAtoms } from './conditions.js';
import { cleanText, htmlToText, looksLikeHtml } from './html-to-text.js';
import { FOCUS_MARKERS, findIndustries } from './industries.js';
import { declaredShortNames, findParks, parkKey } from './parks.js';
import { classifySentence, extractPolicies, thresholdPolicy, type PolicyDraft } from './policies.js';
import { splitSentences } from './sentences.js';
import { extractStatistics, type StatisticDraft } from './statistics.js';

export interface ExtractedPark {
  /** Longest spelling seen (金华经济技术开发区). */
  name: string;
  key: string;
  /** Other spellings seen (金华开发区, 金华经开区). */
  aliases: string[];
  level: 'national' | 'provincial' | null;
  mentions: number;
}

export interface ExtractedIndustry {
  name: string;
  code: string;
  /** Key of the park the sentence is about (null when the article names no park). */
  parkKey: string | null;
}

export interface ExtractedPolicy extends PolicyDraft {
  parkKey: string | null;
}

export interface ExtractedStatistic extends StatisticDraft {
  parkKey: string | null;
}

export interface ExtractedThresholds {
  parkKey: string;
  minInvestIntensityWanPerMu: number | null;
  minTaxPerMuWan: number | null;
}

export interface ArticleExtraction {
  /** The cleaned plain text every quote is a substring of. */
  text: string;
  parks: ExtractedPark[];
  industries: ExtractedIndustry[];
  policies: ExtractedPolicy[];
  statistics: ExtractedStatistic[];
  thresholds: ExtractedThresholds[];
}

/** Plain text of a body that may be HTML (tags, scripts and boilerplate removed). */
export function articleText(body: string): string {
  return looksLikeHtml(body) ? htmlToText(body) : cleanText(body);
}

/**
 * Pure, deterministic extraction of one article: parks (with aliases merged by key), the industries
 * the text says they focus on, policy clauses with their structure and quote, reported statistics,
 * and entry thresholds. Every quote is an exact substring of `text`.
 */
export function extractArticle(input: { title?: string; body: string }): ArticleExtraction {
  const text = articleText(input.body);
  const title = (input.title ?? '').trim();

  const parksByKey = new Map<string, ExtractedPark>();
  // 以下简称: the short name's key counts as the full name's.
  const keyOf = new Map(declaredShortNames(text).map((d) => [parkKey(d.short), parkKey(d.full)]));
  const note = (mentions: ReturnType<typeof findParks>): void => {
    for (const raw of mentions) {
      let key = keyOf.get(raw.key) ?? raw.key;
      // 莫干山高新区 is 湖州莫干山高新区 without its city: one park.
      const same = [...parksByKey.keys()].find(
        (k) => k !== key && Math.min(k.length, key.length) >= 5 && (k.endsWith(key) || key.endsWith(k)),
      );
      if (same && same.length >= key.length) key = same;
      else if (same) {
        const moved = parksByKey.get(same)!;
        parksByKey.delete(same);
        keyOf.set(same, key);
        parksByKey.set(key, { ...moved, key });
      }
      keyOf.set(raw.key, key);
      const m = { ...raw, key };
      const p = parksByKey.get(m.key);
      if (!p) {
        parksByKey.set(m.key, { name: m.name, key: m.key, aliases: [], level: m.level, mentions: 1 });
        continue;
      }
      p.mentions++;
      p.level ??= m.level;
      if (m.name === p.name || p.aliases.includes(m.name)) continue;
      if (m.name.length > p.name.length) {
        p.aliases.push(p.name);
        p.name = m.name;
      } else p.aliases.push(m.name);
    }
  };
  note(findParks(title));

  const sentences = splitSentences(text);
  const sentenceParks = sentences.map((s) => {
    const found = findParks(s.text);
    note(found);
    return found.length ? (keyOf.get(found[found.length - 1].key) ?? found[found.length - 1].key) : null;
  });
  const parks = [...parksByKey.values()];
  const primary = parks.length ? [...parks].sort((a, b) => b.mentions - a.mentions)[0].key : null;

  const industries: ExtractedIndustry[] = [];
  const policies: ExtractedPolicy[] = [];
  const statistics: ExtractedStatistic[] = [];
  const thresholds = new Map<string, ExtractedThresholds>();
  let current: string | null = null;
  let thresholdParagraph = -1;
  /** The policy the previous sentence produced, with where its quote starts, for continuations. */
  let last: { policy: ExtractedPolicy; start: number; paragraph: number; threshold: boolean } | null = null;
  const extend = (to: { policy: ExtractedPolicy; start: number }, end: number): void => {
    to.policy.quote = text
      .slice(to.start, end)
      .replace(/[。；;！？!?]+$/, '')
      .trim();
  };

  sentences.forEach((s, i) => {
    current = sentenceParks[i] ?? current;
    const parkKey = current ?? primary;
    const kind = classifySentence(s.text, thresholdParagraph === s.paragraph);
    if (kind === 'threshold') thresholdParagraph = s.paragraph;
    if (FOCUS_MARKERS.test(s.text)) {
      for (const { term } of findIndustries(s.text)) {
        if (!industries.some((x) => x.name === term.name && x.parkKey === parkKey)) {
          industries.push({ name: term.name, code: term.code, parkKey });
        }
      }
    }
    switch (kind) {
      case 'policy':
        for (const p of extractPolicies(s.text)) {
          const start = s.start + Math.max(0, s.text.indexOf(p.quote));
          // A unit with no kind of its own continues the previous policy of the paragraph (后2年按50%给予扶持).
          if (p.kind === 'other' && !p.conditions && last && !last.threshold && last.paragraph === s.paragraph) {
            extend(last, start + p.quote.length);
            for (const k of ['amountWan', 'percent', 'baseFact', 'multiplier', 'capWan', 'durationYears'] as const)
              (last.policy[k] as unknown) ??= p[k];
            continue;
          }
          const policy = { ...p, parkKey };
          policies.push(policy);
          last = { policy, start, paragraph: s.paragraph, threshold: false };
        }
        break;
      case 'threshold': {
        const p = thresholdPolicy(s.text);
        if (
          p &&
          last?.threshold &&
          last.paragraph === s.paragraph &&
          last.policy.conditions &&
          p.conditions &&
          'and' in last.policy.conditions &&
          'and' in p.conditions
        ) {
          // 标准地 lists: one entry rule per paragraph, its indicators joined.
          last.policy.conditions = { and: [...last.policy.conditions.and, ...p.conditions.and] };
          extend(last, s.start + s.text.length);
        } else if (p) {
          const policy = { ...p, parkKey };
          policies.push(policy);
          last = { policy, start: s.start, paragraph: s.paragraph, threshold: true };
        }
        if (parkKey) {
          const t = thresholds.get(parkKey) ?? { parkKey, minInvestIntensityWanPerMu: null, minTaxPerMuWan: null };
          for (const a of findConditionAtoms(s.text)) {
            if (a.leaf.op !== 'gte' || typeof a.leaf.value !== 'number') continue;
            if (a.leaf.fact === 'investIntensityWanPerMu') t.minInvestIntensityWanPerMu ??= a.leaf.value;
            if (a.leaf.fact === 'taxPerMuWan') t.minTaxPerMuWan ??= a.leaf.value;
          }
          thresholds.set(parkKey, t);
        }
        break;
      }
      case 'statistic':
        for (const st of extractStatistics(s.text)) statistics.push({ ...st, parkKey });
        break;
      case 'other':
        break;
    }
  });

  return { text, parks, industries, policies: dedupe(policies), statistics, thresholds: [...thresholds.values()] };
}

/** A headline and the paragraph under it often state one policy twice: keep the longer quote. */
function dedupe(policies: ExtractedPolicy[]): ExtractedPolicy[] {
  const sig = (p: ExtractedPolicy): string =>
    JSON.stringify([p.kind, p.parkKey, p.amountWan, p.percent, p.multiplier, p.capWan, p.months, p.freeMonths, p.conditions]);
  // Only money amounts make two clauses the same offer; equal percentages (减半 twice) are often two offers.
  const hasNumbers = (p: ExtractedPolicy): boolean => p.amountWan !== null;
  const sigs = policies.map((p) => (hasNumbers(p) ? sig(p) : null));
  return policies.filter(
    (p, i) =>
      sigs[i] === null ||
      !policies.some(
        (o, j) => j !== i && sigs[j] === sigs[i] && (o.quote.length > p.quote.length || (o.quote.length === p.quote.length && j < i)),
      ),
  );
}
