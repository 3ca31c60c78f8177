import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { TEST_SET, type ExpectedArticle, type ExpectedPolicy } from '../../test-set/expected.js';
import { HOLDOUT_SET } from '../../test-set/holdout/expected.js';
import { extractArticle, type ArticleExtraction, type ExtractedPolicy } from './extract-article.js';

const DIR = join(process.cwd(), 'libs/knowledge/test-set');
const FIELDS = ['amountWan', 'percent', 'multiplier', 'capWan', 'months', 'durationYears', 'legacyRisk'] as const;

function matches(e: ExpectedPolicy, p: ExtractedPolicy): boolean {
  return p.kind === e.kind && p.quote.includes(e.quote);
}

/** Scores an extraction against a labelled set: policy recall/precision (kind + quote), fields, statistics. */
function score(set: ExpectedArticle[]) {
  const results = set.map((a) => ({ a, r: extractArticle({ title: a.title, body: readFileSync(join(DIR, a.file), 'utf8') }) }));
  const s = {
    results,
    expected: 0,
    extracted: 0,
    found: 0,
    correct: 0,
    fieldsChecked: 0,
    fieldsRight: 0,
    statsExpected: 0,
    statsFound: 0,
    statsAsPolicies: 0,
    industriesExpected: 0,
    industriesFound: 0,
    misses: [] as string[],
  };
  for (const { a, r } of results) {
    s.expected += a.policies.length;
    s.extracted += r.policies.length;
    const used = new Set<ExtractedPolicy>();
    for (const e of a.policies) {
      const p = r.policies.find((x) => !used.has(x) && matches(e, x));
      if (!p) {
        s.misses.push(`${a.file}: missed ${e.kind} “${e.quote}”`);
        continue;
      }
      used.add(p);
      s.found++;
      for (const f of FIELDS) {
        if (e[f] === undefined) continue;
        s.fieldsChecked++;
        if (JSON.stringify(p[f]) === JSON.stringify(e[f])) s.fieldsRight++;
        else s.misses.push(`${a.file}: ${e.kind} ${f} = ${JSON.stringify(p[f])}, expected ${JSON.stringify(e[f])}`);
      }
    }
    for (const p of r.policies) {
      if (used.has(p)) s.correct++;
      else s.misses.push(`${a.file}: extra ${p.kind} “${p.quote}”`);
    }
    for (const st of a.statistics) {
      s.statsExpected++;
      if (r.statistics.some((x) => x.value === st.value && x.unit === st.unit && x.quote.includes(st.text))) s.statsFound++;
      else s.misses.push(`${a.file}: missed statistic ${st.value}${st.unit} “${st.text}”`);
      if (r.policies.some((p) => p.quote.includes(st.text))) {
        s.statsAsPolicies++;
        s.misses.push(`${a.file}: statistic “${st.text}” classified as a policy`);
      }
    }
    s.industriesExpected += a.industries.length;
    s.industriesFound += a.industries.filter((n) => r.industries.some((i) => i.name === n)).length;
    const parkKeys = r.parks.map((p) => p.key).sort();
    if (JSON.stringify(parkKeys) !== JSON.stringify([...a.parks].sort())) {
      s.misses.push(`${a.file}: parks ${parkKeys.join('、')}, expected ${a.parks.join('、')}`);
    }
  }
  return { ...s, recall: s.found / s.expected, precision: s.correct / s.extracted };
}

function report(name: string, s: ReturnType<typeof score>): string {
  const pct = (n: number) => `${(n * 100).toFixed(1)}%`;
  return [
    `${name}: ${s.results.length} articles`,
    `  policies: expected ${s.expected}, extracted ${s.extracted}, matched ${s.found}`,
    `  policy recall ${pct(s.recall)}, precision ${pct(s.precision)}`,
    `  policy fields right ${s.fieldsRight}/${s.fieldsChecked} (${pct(s.fieldsRight / s.fieldsChecked)})`,
    `  statistics found ${s.statsFound}/${s.statsExpected} (${pct(s.statsFound / s.statsExpected)}); statistics classified as policies: ${s.statsAsPolicies}`,
    `  industries found ${s.industriesFound}/${s.industriesExpected}`,
    ...s.misses.map((m) => `  - ${m}`),
  ].join('\n');
}

describe('project test set: 12 articles with expected parks, industries, policies and statistics', () => {
  const s = score(TEST_SET);
  const holdout = score(HOLDOUT_SET);

  afterAll(() => {
    console.log(
      `${report('knowledge extraction test set', s)}\n${report('held-out articles (not used for tuning; printed, not asserted)', holdout)}`,
    );
  });

  it('finds at least 90% of the policies (recall)', () => {
    expect(s.recall).toBeGreaterThanOrEqual(0.9);
  });

  it('extracts at least 90% real policies (precision)', () => {
    expect(s.precision).toBeGreaterThanOrEqual(0.9);
  });

  it('never classifies a statistic as a policy', () => {
    expect(s.statsAsPolicies).toBe(0);
  });

  it('reads the stated figures of matched policies', () => {
    expect(s.fieldsRight / s.fieldsChecked).toBeGreaterThanOrEqual(0.9);
  });

  it('finds the reported statistics and the parks named', () => {
    expect(s.statsFound / s.statsExpected).toBeGreaterThanOrEqual(0.85);
    for (const { a, r } of s.results) expect(r.parks.map((p) => p.key).sort()).toEqual([...a.parks].sort());
  });

  it('quotes are exact substrings of the cleaned article text', () => {
    const all: { r: ArticleExtraction }[] = [...s.results, ...holdout.results];
    for (const { r } of all) for (const p of r.policies) expect(r.text).toContain(p.quote);
  });
});
