import { spawn } from 'node:child_process';
import { chmodSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { ensureDatabase, startEmbeddedPostgres } from '@app/database';
import { freePort } from '../../bench/lib/procs.mjs';

async function query(url: string, sql: string): Promise<unknown[]> {
  const c = new pg.Client({ connectionString: url });
  await c.connect();
  try {
    return (await c.query(sql)).rows;
  } finally {
    await c.end();
  }
}

describe('embedded PostgreSQL', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'zs-embedded-'));
    chmodSync(dir, 0o755);
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('keeps data across a restart', async () => {
    const port = await freePort();
    const first = await startEmbeddedPostgres({ dataDir: join(dir, 'cluster'), port, log: () => undefined });
    const url = await ensureDatabase(first.url, 'crm');
    await query(url, "CREATE TABLE park (name text); INSERT INTO park VALUES ('金华经济技术开发区')");
    await first.stop();
    const second = await startEmbeddedPostgres({ dataDir: join(dir, 'cluster'), port, log: () => undefined });
    try {
      expect(await query(url, 'SELECT name FROM park')).toEqual([{ name: '金华经济技术开发区' }]);
    } finally {
      await second.stop();
    }
  });

  it('takes over the data folder from a server orphaned by a killed process', async () => {
    const port = await freePort();
    const data = join(dir, 'cluster');
    const child = spawn(process.execPath, [join(process.cwd(), 'test/support/scripts/orphan-postgres.mjs'), data, String(port)], {
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    await new Promise<void>((resolve, reject) => {
      child.stdout.on('data', (b: Buffer) => b.toString().includes('READY') && resolve());
      child.on('exit', (code) => reject(new Error(`child exited ${code}`)));
    });
    child.kill('SIGKILL');
    const orphanPid = Number(readFileSync(join(data, 'postmaster.pid'), 'utf8').split('\n')[0]);
    expect(() => process.kill(orphanPid, 0)).not.toThrow(); // still running without its parent

    const lines: string[] = [];
    const pgHandle = await startEmbeddedPostgres({ dataDir: data, port, log: (l) => lines.push(l) });
    try {
      expect(lines.join('\n')).toMatch(/stopping a server \(pid \d+\) left behind/);
      expect(await query(pgHandle.url, 'SELECT 1 AS ok')).toEqual([{ ok: 1 }]);
    } finally {
      await pgHandle.stop();
    }
    expect(() => process.kill(orphanPid, 0)).toThrow();
  });
});
