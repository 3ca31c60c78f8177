import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';

/** Finds a PostgreSQL client program (PG_BIN_DIR, then PATH); says how to install it when missing. */
export function pgTool(name: 'pg_dump' | 'pg_restore'): string {
  const dirs = [process.env.PG_BIN_DIR, ...(process.env.PATH ?? '').split(':'), '/usr/lib/postgresql/15/bin'].filter(Boolean) as string[];
  for (const d of dirs) {
    const p = `${d}/${name}`;
    if (existsSync(p)) return p;
  }
  throw new Error(
    `${name} not found: install PostgreSQL 15 client programs (Debian: apt-get install postgresql-client-15) or set PG_BIN_DIR`,
  );
}

function run(cmd: string, args: string[], env: NodeJS.ProcessEnv): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(cmd, args, { env: { ...process.env, ...env }, stdio: ['ignore', 'inherit', 'pipe'] });
    let err = '';
    child.stderr.on('data', (b: Buffer) => (err += b.toString()));
    child.on('error', reject);
    child.on('exit', (code) => (code === 0 ? resolve() : reject(new Error(`${cmd.split('/').pop()} exited ${code}: ${err.trim()}`))));
  });
}

/** libpq environment for a URL, so the password never appears in a process list. */
function pgEnv(url: string): { env: NodeJS.ProcessEnv; database: string } {
  const u = new URL(url);
  return {
    database: decodeURIComponent(u.pathname.slice(1)),
    env: {
      PGHOST: u.hostname,
      PGPORT: u.port || '5432',
      PGUSER: decodeURIComponent(u.username),
      PGPASSWORD: decodeURIComponent(u.password),
    },
  };
}

/** `pg_dump -Fc` of the whole database (schema, data, job queue) into one file. */
export async function backupDatabase(url: string, file: string): Promise<void> {
  const { env, database } = pgEnv(url);
  await run(pgTool('pg_dump'), ['--format=custom', '--no-owner', '--no-privileges', `--file=${file}`, database], env);
}

/** Restores a backup made by {@link backupDatabase}, replacing the objects it contains. */
export async function restoreDatabase(url: string, file: string): Promise<void> {
  if (!existsSync(file)) throw new Error(`backup file not found: ${file}`);
  const { env, database } = pgEnv(url);
  await run(
    pgTool('pg_restore'),
    ['--clean', '--if-exists', '--no-owner', '--no-privileges', '--single-transaction', `--dbname=${database}`, file],
    env,
  );
}
