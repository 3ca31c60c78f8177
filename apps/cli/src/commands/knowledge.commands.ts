import { readdir, readFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import cliProgress from 'cli-progress';
import { DomainError } from '@app/errors';
import { KnowledgeService, documentTitle } from '@app/knowledge';
import type { CliCommand } from '../command.js';

const ARTICLE_FILE = /\.(?:txt|md|html?)$/i;

export const importArticlesCommand: CliCommand = {
  name: 'import-articles',
  usage: 'import-articles <folder>',
  description: 'Ingest every .txt/.md/.html article of a folder (parks, industries, policies, statistics); re-importing updates',
  async run(ctx, args) {
    const folder = args[0];
    if (!folder) {
      ctx.say(`usage: ${this.usage}`);
      return 2;
    }
    let files: string[];
    try {
      files = (await readdir(folder)).filter((f) => ARTICLE_FILE.test(f)).sort();
    } catch (e) {
      ctx.say(`cannot read ${folder}: ${(e as Error).message}`);
      return 2;
    }
    if (files.length === 0) {
      ctx.say(`no .txt/.md/.html files in ${folder}`);
      return 0;
    }
    const knowledge = (await ctx.app()).get(KnowledgeService);
    const bar = new cliProgress.SingleBar(
      { format: '导入文章 import [{bar}] {value}/{total} {file}', hideCursor: true, noTTYOutput: true, notTTYSchedule: 1000 },
      cliProgress.Presets.shades_classic,
    );
    bar.start(files.length, 0, { file: '' });
    let created = 0;
    let updated = 0;
    const parks = new Set<string>();
    const kinds = new Map<string, number>();
    let statistics = 0;
    let legacy = 0;
    const failures: string[] = [];
    for (const [i, file] of files.entries()) {
      bar.update(i, { file });
      const path = resolve(join(folder, file));
      try {
        const body = await readFile(path, 'utf8');
        const r = await knowledge.ingestArticle({ title: documentTitle(file, body), body, sourceUrl: pathToFileURL(path).href });
        if (r.created) created++;
        else updated++;
        for (const p of r.parks) parks.add(p.name);
        for (const p of r.policies) {
          kinds.set(p.kind, (kinds.get(p.kind) ?? 0) + 1);
          if (p.legacyRisk) legacy++;
        }
        statistics += r.statistics.length;
      } catch (e) {
        const why = e instanceof DomainError ? `${e.messageZh} / ${e.messageEn}` : (e as Error).message;
        failures.push(`${file}: ${why}`);
      }
    }
    bar.update(files.length, { file: '' });
    bar.stop();
    const policyCount = [...kinds.values()].reduce((a, b) => a + b, 0);
    ctx.say(`articles: ${created} created, ${updated} updated, ${failures.length} failed`);
    ctx.say(`parks: ${parks.size} (${[...parks].join('、')})`);
    ctx.say(
      `policies: ${policyCount} (${[...kinds.entries()]
        .sort((a, b) => b[1] - a[1])
        .map(([k, n]) => `${k} ${n}`)
        .join(', ')}); legacy risk ${legacy}`,
    );
    ctx.say(`statistics: ${statistics}`);
    for (const f of failures) ctx.say(`  failed ${f}`);
    return failures.length ? 1 : 0;
  },
};
