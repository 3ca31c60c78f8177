import { Jieba } from '@node-rs/jieba';
import { dict } from '@node-rs/jieba/dict.js';

/** A park named in a text. */
export interface ParkMention {
  /** Name as written (金华经济技术开发区, 金华开发区). */
  name: string;
  /** Name-independent key: 金华开发区 for both forms above. */
  key: string;
  index: number;
  level: 'national' | 'provincial' | null;
}

/** Longest suffixes first: a regex alternation takes the first that matches at a position. */
const SUFFIXES = [
  '高新技术产业开发区',
  '高新技术产业园区',
  '经济技术开发区',
  '经济开发区',
  '经开区',
  '高新区',
  '开发区',
  '产业园区',
  '工业园区',
  '产业园',
  '新区',
  '园区',
];
const SUFFIX_RE = new RegExp(SUFFIXES.join('|'), 'g');

/** Suffix groups that name the same kind of park: 经济技术开发区 = 经开区 = 开发区. */
const SUFFIX_KEY: Record<string, string> = {
  高新技术产业开发区: '高新区',
  高新技术产业园区: '高新区',
  高新区: '高新区',
  经济技术开发区: '开发区',
  经济开发区: '开发区',
  经开区: '开发区',
  开发区: '开发区',
  产业园区: '产业园',
  产业园: '产业园',
  工业园区: '工业园区',
  新区: '新区',
  园区: '园区',
};

/** Words that end a park-name prefix when walking back from the suffix (verbs, time words, pronouns…). */
const STOP_WORDS = new Set([
  '项目',
  '企业',
  '落户',
  '入驻',
  '签约',
  '位于',
  '来自',
  '全市',
  '全省',
  '全区',
  '我市',
  '本市',
  '我区',
  '今年',
  '去年',
  '全年',
  '目前',
  '日前',
  '近日',
  '国家级',
  '省级',
  '城市',
  '新城',
  '工业',
  '该',
  '本',
  '各',
  '其他',
  '所在',
  '相关',
  '重点',
  '特色',
  '小微',
  '园内',
  '区内',
]);
const STOP_TAGS = new Set(['p', 'v', 'vn', 't', 'r', 'c', 'u', 'm', 'q', 'd', 'b', 'ad', 'uj', 'ul', 'y', 'e', 'o', 'zg', 'vd']);

let jieba: Jieba | undefined;
function segmenter(): Jieba {
  jieba ??= Jieba.withDict(dict);
  return jieba;
}

/** The key two spellings of one park share: prefix + suffix group (金华经济技术开发区 → 金华开发区). */
/** 嘉兴秀洲高新技术产业开发区（以下简称秀洲高新区）: the short name an article declares for a park. */
export function declaredShortNames(text: string): { full: string; short: string }[] {
  const out: { full: string; short: string }[] = [];
  const mentions = findParks(text);
  for (const m of text.matchAll(/[（(](?:以下)?简称[“"]?([\u4e00-\u9fa5]{2,16})[”"]?[）)]/g)) {
    const before = mentions.filter((p) => p.index + p.name.length === m.index);
    if (before.length) out.push({ full: before[0].name, short: m[1] });
  }
  return out;
}

export function parkKey(name: string): string {
  const n = name.trim().replace(/\s+/g, '');
  for (const s of SUFFIXES) {
    if (n.endsWith(s) && n.length > s.length) return n.slice(0, -s.length) + SUFFIX_KEY[s];
  }
  return n;
}

/**
 * The place-name prefix before a park suffix, found by segmenting the few characters before it with
 * jieba and walking back over name-like words until a verb, preposition, time word or stop word.
 */
const prefixCache = new Map<string, string>();

function prefixBefore(text: string, index: number): string {
  const window = text.slice(Math.max(0, index - 12), index);
  const tail = window.split(/[^\u4e00-\u9fa5]/).pop() ?? '';
  if (tail.length < 2) return '';
  const cached = prefixCache.get(tail);
  if (cached !== undefined) return cached;
  const prefix = walkBack(tail);
  // Bounded memo: the same few park names recur across articles.
  if (prefixCache.size > 5000) prefixCache.clear();
  prefixCache.set(tail, prefix);
  return prefix;
}

function walkBack(tail: string): string {
  const tokens = segmenter().tag(tail, true);
  let prefix = '';
  for (let i = tokens.length - 1; i >= 0; i--) {
    const { word, tag } = tokens[i];
    if (STOP_WORDS.has(word) || STOP_TAGS.has(tag) || /开发区|园区|新区|高新区|经开区/.test(word)) break;
    if (prefix.length + word.length > 8) break;
    prefix = word + prefix;
    if (tokens.length - i >= 3) break;
  }
  return prefix.length >= 2 ? prefix : '';
}

/**
 * Parks named in a text (…经济技术开发区, …开发区, …高新区, …产业园, …园区, …新区), in order. A park
 * written right after another (东阳经济开发区磁性材料产业园) is a park inside it and keeps the full name.
 */
export function findParks(text: string): ParkMention[] {
  const out: ParkMention[] = [];
  for (const m of text.matchAll(SUFFIX_RE)) {
    const prefix = prefixBefore(text, m.index);
    if (!prefix) continue;
    const prev = out[out.length - 1];
    const parent = prev && prev.index + prev.name.length === m.index - prefix.length ? prev.name : '';
    const name = parent + prefix + m[0];
    const before = text.slice(Math.max(0, m.index - prefix.length - 6), m.index - prefix.length);
    const level = /国家级/.test(before) ? 'national' : /省级/.test(before) ? 'provincial' : null;
    out.push({ name, key: parkKey(name), index: m.index - prefix.length - parent.length, level });
  }
  return out;
}
