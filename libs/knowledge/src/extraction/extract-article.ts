import { findConditionAtoms } from './conditions.js';
import { cleanText, htmlToText, looksLikeHtml } from './html-to-text.js';
import { FOCUS_MARKERS, findIndustries } from './industries.js';
import { findParks } from './parks.js';
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
  const note = (mentions: ReturnType<typeof findParks>): void => {
    for (const m of mentions) {
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
    return found.length ? found[found.length - 1].key : null;
  });
  const parks = [...parksByKey.values()];
  const primary = parks.length ? [...parks].sort((a, b) => b.mentions - a.mentions)[0].key : null;

  const industries: ExtractedIndustry[] = [];
  const policies: ExtractedPolicy[] = [];
  const statistics: ExtractedStatistic[] = [];
  const thresholds = new Map<string, ExtractedThresholds>();
  let current: string | null = null;
  let thresholdParagraph = -1;

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
        for (const p of extractPolicies(s.text)) policies.push({ ...p, parkKey });
        break;
      case 'threshold': {
        const p = thresholdPolicy(s.text);
        if (p) policies.push({ ...p, parkKey });
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

  return { text, parks, industries, policies, statistics, thresholds: [...thresholds.values()] };
}
