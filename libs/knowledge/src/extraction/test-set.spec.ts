import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { TEST_SET, type ExpectedPolicy } from '../../test-set/expected.js';
import { extractArticle, type ExtractedPolicy } from './extract-article.js';

const DIR = join(process.cwd(), 'libs/knowledge/test-set');
const FIELDS = ['amountWan', 'percent', 'multiplier', 'capWan', 'months', 'durationYears', 'legacyRisk'] as const;

function matches(e: ExpectedPolicy, p: ExtractedPolicy): boolean {
  return p.kind === e.kind && p.quote.includes(e.quote);
}

describe('project test set: 12 articles with expected parks, industries, policies and statistics', () => {
  const results = TEST_SET.map((a) => ({ a, r: extractArticle({ title: a.title, body: readFileSync(join(DIR, a.file), 'utf8') }) }));

  let expectedPolicies = 0;
  let extractedPolicies = 0;
  let found = 0;
  let correct = 0;
  let fieldsChecked = 0;
  let fieldsRight = 0;
  let statsExpected = 0;
  let statsFound = 0;
  let statsAsPolicies = 0;
  let industriesExpected = 0;
  let industriesFound = 0;
  const misses: string[] = [];
  for (const { a, r } of results) {
    expectedPolicies += a.policies.length;
    extractedPolicies += r.policies.length;
    const used = new Set<ExtractedPolicy>();
    for (const e of a.policies) {
      const p = r.policies.find((x) => !used.has(x) && matches(e, x));
      if (!p) {
        misses.push(`${a.file}: missed ${e.kind} “${e.quote}”`);
        continue;
      }
      used.add(p);
      found++;
      for (const f of FIELDS) {
        if (e[f] === undefined) continue;
        fieldsChecked++;
        if (JSON.stringify(p[f]) === JSON.stringify(e[f])) fieldsRight++;
        else misses.push(`${a.file}: ${e.kind} ${f} = ${JSON.stringify(p[f])}, expected ${JSON.stringify(e[f])}`);
      }
    }
    for (const p of r.policies) {
      if (used.has(p)) correct++;
      else misses.push(`${a.file}: extra ${p.kind} “${p.quote}”`);
    }
    for (const s of a.statistics) {
      statsExpected++;
      if (r.statistics.some((x) => x.value === s.value && x.unit === s.unit && x.quote.includes(s.text))) statsFound++;
      else misses.push(`${a.file}: missed statistic ${s.value}${s.unit} “${s.text}”`);
      if (r.policies.some((p) => p.quote.includes(s.text))) {
        statsAsPolicies++;
        misses.push(`${a.file}: statistic “${s.text}” classified as a policy`);
      }
    }
    industriesExpected += a.industries.length;
    industriesFound += a.industries.filter((n) => r.industries.some((i) => i.name === n)).length;
  }
  const recall = found / expectedPolicies;
  const precision = correct / extractedPolicies;

  afterAll(() => {
    const pct = (n: number) => `${(n * 100).toFixed(1)}%`;
    console.log(
      [
        `knowledge extraction test set: ${TEST_SET.length} articles`,
        `  policies: expected ${expectedPolicies}, extracted ${extractedPolicies}, matched ${found}`,
        `  policy recall ${pct(recall)}, precision ${pct(precision)}`,
        `  policy fields right ${fieldsRight}/${fieldsChecked} (${pct(fieldsRight / fieldsChecked)})`,
        `  statistics found ${statsFound}/${statsExpected} (${pct(statsFound / statsExpected)}); statistics classified as policies: ${statsAsPolicies}`,
        `  industries found ${industriesFound}/${industriesExpected}`,
        ...misses.map((m) => `  - ${m}`),
      ].join('\n'),
    );
  });

  it('finds at least 90% of the policies (recall)', () => {
    expect(recall).toBeGreaterThanOrEqual(0.9);
  });

  it('extracts at least 90% real policies (precision)', () => {
    expect(precision).toBeGreaterThanOrEqual(0.9);
  });

  it('never classifies a statistic as a policy', () => {
    expect(statsAsPolicies).toBe(0);
  });

  it('reads the stated figures of matched policies', () => {
    expect(fieldsRight / fieldsChecked).toBeGreaterThanOrEqual(0.9);
  });

  it('finds the reported statistics and the parks named', () => {
    expect(statsFound / statsExpected).toBeGreaterThanOrEqual(0.85);
    for (const { a, r } of results) expect(r.parks.map((p) => p.key).sort()).toEqual([...a.parks].sort());
  });

  it('quotes are exact substrings of the cleaned article text', () => {
    for (const { r } of results) for (const p of r.policies) expect(r.text).toContain(p.quote);
  });
});
