import { chmodSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { ensureDatabase, startEmbeddedPostgres, type EmbeddedPostgresHandle } from '@app/database';

import { freePort } from '../../../bench/lib/procs.mjs';

export { freePort };

export function tempDir(prefix: string): string {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  chmodSync(dir, 0o755);
  return dir;
}

export const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

/** A PostgreSQL of the test's own (not the shared test server), so that the test may stop and start it. */
export interface DedicatedPostgres {
  /** The app database in it. */
  url: string;
  serverUrl: string;
  stop(): Promise<void>;
  start(): Promise<void>;
  /** Stops it (when running) and removes its folder. */
  destroy(): Promise<void>;
}

export async function dedicatedPostgres(dbName = 'zhaoshang'): Promise<DedicatedPostgres> {
  const dir = tempDir('zs-faults-pg-');
  const dataDir = join(dir, 'cluster');
  const port = await freePort();
  const boot = (): Promise<EmbeddedPostgresHandle> => startEmbeddedPostgres({ dataDir, port, log: () => undefined });
  let handle: EmbeddedPostgresHandle | null = await boot();
  const url = await ensureDatabase(handle.url, dbName);
  return {
    url,
    serverUrl: handle.url,
    async stop() {
      await handle?.stop();
      handle = null;
    },
    async start() {
      handle ??= await boot();
    },
    async destroy() {
      await handle?.stop();
      handle = null;
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

export async function query<T = Record<string, unknown>>(url: string, sql: string, params: unknown[] = []): Promise<T[]> {
  const c = new pg.Client({ connectionString: url });
  await c.connect();
  try {
    return (await c.query(sql, params)).rows as T[];
  } finally {
    await c.end();
  }
}

/** A distinct valid mainland mobile for each n (139 + 8 digits). */
export function mobile(n: number, prefix = '139'): string {
  return `${prefix}${String(n % 1e8).padStart(8, '0')}`;
}

/** A complete web-form intake body, as the public form sends it. */
export function intakeBody(n: number, phone = mobile(n)): Record<string, unknown> {
  return {
    need: `标准厂房 ${2000 + (n % 50) * 100}㎡，单层，层高 8 米`,
    usage: '新能源汽车零部件生产',
    tax: '年税收 300 万元',
    company: `故障测试${n}号科技有限公司`,
    contact: '王先生',
    phone,
    consent: true,
    channel: 'web',
  };
}

export interface Outcome {
  status: number;
  body: Record<string, unknown>;
  key?: string;
}

/** Statuses that are not 201 and not the clean 503 a lost database gives. */
export function unexpected(outcomes: Outcome[]): string[] {
  return outcomes
    .filter((o) => o.status !== 201 && !(o.status === 503 && o.body.code === 'SERVICE_UNAVAILABLE'))
    .map((o) => `${o.status} ${JSON.stringify(o.body).slice(0, 200)}`);
}
