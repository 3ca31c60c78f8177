import { join } from 'node:path';
import { importArticlesCommand } from '../../../apps/cli/src/commands/knowledge.commands.js';
import type { CliContext } from '../../../apps/cli/src/command.js';
import type { TestApp } from '../../support/test-app.js';
import { startTestApp } from '../../support/test-app.js';

describe('cli import-articles <folder>', () => {
  let t: TestApp;
  let said: string[];
  let ctx: CliContext;
  beforeAll(async () => {
    t = await startTestApp();
    ctx = {
      config: t.config,
      databaseUrl: t.databaseUrl,
      app: async () => t.app,
      say: (line) => said.push(line),
    };
  });
  afterAll(async () => {
    await t.close();
  });
  beforeEach(() => {
    said = [];
  });

  const count = async (table: string): Promise<number> => (await t.ds.query(`SELECT count(*)::int AS n FROM ${table}`))[0].n;

  it('ingests every .txt/.md/.html of the test set and prints what it found', async () => {
    const code = await importArticlesCommand.run(ctx, [join(process.cwd(), 'libs/knowledge/test-set')]);
    expect(code).toBe(0);
    expect(said[0]).toBe('articles: 12 created, 0 updated, 0 failed');
    expect(said[1]).toMatch(/^parks: 12 \(金华经济技术开发区、义乌经济技术开发区/);
    expect(said[2]).toMatch(/^policies: 47 \(.*\); legacy risk \d+$/);
    expect(await count('article')).toBe(12);
    expect(await count('policy')).toBe(47);
    const rows: { title: string }[] = await t.ds.query(`SELECT title FROM article WHERE source_url LIKE '%04-wenling-standard-land.md'`);
    expect(rows[0].title).toBe('温岭东部新区2026年第一批工业“标准地”出让公告');
  });

  it('updates instead of duplicating on a second import', async () => {
    const code = await importArticlesCommand.run(ctx, [join(process.cwd(), 'libs/knowledge/test-set')]);
    expect(code).toBe(0);
    expect(said[0]).toBe('articles: 0 created, 12 updated, 0 failed');
    expect(await count('article')).toBe(12);
    expect(await count('park')).toBe(12);
    expect(await count('policy')).toBe(47);
  });

  it('answers a missing folder with usage or the reason', async () => {
    expect(await importArticlesCommand.run(ctx, [])).toBe(2);
    expect(said[0]).toBe('usage: import-articles <folder>');
    expect(await importArticlesCommand.run(ctx, ['/no/such/folder'])).toBe(2);
    expect(said[1]).toMatch(/^cannot read \/no\/such\/folder/);
  });
});
