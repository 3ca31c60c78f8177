#!/usr/bin/env node
// `npm run bench:knowledge`: extraction throughput of the knowledge base (libs/knowledge extractArticle),
// single process, on ~5 KB articles assembled from the project test set (libs/knowledge/test-set) with
// varied figures. Prints articles per second and KB per second.
// Settings: BENCH_ARTICLES (default 2000), BENCH_ARTICLE_KB (default 5).
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { build, root } from './lib/procs.mjs';

const N = Number(process.env.BENCH_ARTICLES ?? 2000);
const KB = Number(process.env.BENCH_ARTICLE_KB ?? 5);
const say = (s) => process.stdout.write(`${s}\n`);

/** Paragraphs of the test set (HTML files as they are: extraction strips them per article). */
function paragraphs() {
  const dir = join(root, 'libs/knowledge/test-set');
  return readdirSync(dir)
    .filter((f) => /\.(txt|md)$/.test(f))
    .flatMap((f) => readFileSync(join(dir, f), 'utf8').split(/\n+/))
    .filter((l) => l.trim().length > 8);
}

/** Deterministic ~KB-kilobyte articles: paragraphs in a rotating order, numbers varied per article. */
export function makeArticles(n, kb) {
  const paras = paragraphs();
  const out = [];
  for (let i = 0; i < n; i++) {
    let body = '';
    let j = (i * 7) % paras.length;
    while (Buffer.byteLength(body) < kb * 1024) {
      body += `${paras[j % paras.length].replace(/\d+/g, (d) => String(Number(d) + (i % 9)))}\n`;
      j += 3;
    }
    out.push({ title: `基准文章${i}：金华开发区招商政策`, body });
  }
  return out;
}

async function main() {
  say('building…');
  await build();
  const { extractArticle } = await import(pathToFileURL(join(root, 'dist/libs/knowledge/src/extraction/extract-article.js')).href);
  const articles = makeArticles(N, KB);
  const bytes = articles.reduce((s, a) => s + Buffer.byteLength(a.body), 0);
  // Warm-up: JIT and the jieba dictionary load.
  for (const a of articles.slice(0, 50)) extractArticle(a);
  let policies = 0;
  const t0 = process.hrtime.bigint();
  for (const a of articles) policies += extractArticle(a).policies.length;
  const seconds = Number(process.hrtime.bigint() - t0) / 1e9;
  say(`knowledge extraction: ${N} articles of ~${(bytes / N / 1024).toFixed(1)} KB in ${seconds.toFixed(2)} s (single process)`);
  say(
    `  ${(N / seconds).toFixed(0)} articles/s, ${(bytes / 1024 / seconds).toFixed(0)} KB/s, ${(policies / N).toFixed(1)} policies per article`,
  );
}

main().catch((e) => {
  process.stderr.write(`${e.stack ?? e}\n`);
  process.exit(1);
});
