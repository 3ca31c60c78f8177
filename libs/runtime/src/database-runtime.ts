import { existsSync, readFileSync, writeFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import type { AppConfig } from '@app/config';
import { ensureDatabase, startEmbeddedPostgres, type EmbeddedPostgresHandle } from '@app/database';
import { createDataSource } from '@app/migrations';

export interface RuntimeDatabase {
  url: string;
  /** True when this process started (and must stop) the embedded server. */
  owned: boolean;
  stop(): Promise<void>;
}

const APP_DB = 'zhaoshang';

function ownerFile(config: AppConfig): string {
  return join(config.dataDir, 'pg', 'owner.pid');
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

/**
 * The database this process uses: DATABASE_URL when set; otherwise the embedded PostgreSQL in
 * DATA_DIR/pg — started here, or shared when another live process of the product (the API, when
 * this is a separately started worker or CLI) already runs it.
 */
export async function openDatabase(config: AppConfig, log: (l: string) => void): Promise<RuntimeDatabase> {
  if (config.databaseUrl) return { url: config.databaseUrl, owned: false, stop: async () => undefined };
  const serverUrl = `postgres://postgres:postgres@127.0.0.1:${config.embeddedPgPort}/postgres`;
  const owner = ownerFile(config);
  if (existsSync(owner)) {
    const pid = Number(readFileSync(owner, 'utf8'));
    if (pid !== process.pid && alive(pid)) {
      log(`using the embedded PostgreSQL run by process ${pid}`);
      return { url: await ensureDatabase(serverUrl, APP_DB), owned: false, stop: async () => undefined };
    }
  }
  const started = Date.now();
  const handle: EmbeddedPostgresHandle = await startEmbeddedPostgres({
    dataDir: join(config.dataDir, 'pg', 'cluster'),
    port: config.embeddedPgPort,
    log,
  });
  writeFileSync(owner, String(process.pid));
  log(`embedded PostgreSQL ready on 127.0.0.1:${handle.port} in ${Date.now() - started} ms (data: ${config.dataDir}/pg)`);
  const url = await ensureDatabase(handle.url, APP_DB);
  return {
    url,
    owned: true,
    async stop() {
      await handle.stop();
      rmSync(owner, { force: true });
    },
  };
}

/** Applies pending migrations; returns their names. */
export async function migrate(url: string): Promise<string[]> {
  const ds = createDataSource(url, 'zhaoshang-crm-migrate', 2);
  await ds.initialize();
  try {
    // Two processes starting together must not both migrate.
    await ds.query('SELECT pg_advisory_lock(7262001)');
    const applied = await ds.runMigrations({ transaction: 'each' });
    await ds.query('SELECT pg_advisory_unlock(7262001)');
    return applied.map((m) => m.name);
  } finally {
    await ds.destroy();
  }
}
