// Process helpers shared by the benchmarks and the scale-out test: an embedded PostgreSQL in a
// temporary folder, API and worker processes from the built dist/, health polling, clean shutdown.
import { spawn } from 'node:child_process';
import { chmodSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, dirname } from 'node:path';
import net from 'node:net';
import { fileURLToPath } from 'node:url';

export const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');

export async function freePort() {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address();
      srv.close(() => resolve(port));
    });
    srv.on('error', reject);
  });
}

export function tempDir(prefix) {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  chmodSync(dir, 0o755);
  return dir;
}

/** Builds server and web (no-op when up to date). */
export async function build() {
  const { buildServer, buildWeb } = await import(join(root, 'scripts', 'build.mjs'));
  buildServer();
  buildWeb();
}

/** Starts an embedded PostgreSQL (from the built libs/database) and creates the app database. */
export async function startPostgres(opts = {}) {
  const { startEmbeddedPostgres, ensureDatabase } = await import(join(root, 'dist/libs/database/src/index.js'));
  const dir = tempDir('zs-bench-pg-');
  const port = await freePort();
  const pg = await startEmbeddedPostgres({ dataDir: join(dir, 'cluster'), port, ephemeral: true, log: () => undefined, ...opts });
  const url = await ensureDatabase(pg.url, 'zhaoshang');
  return {
    url,
    serverUrl: pg.url,
    async stop() {
      await pg.stop();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** Runs migrations through the CLI so the database has the current schema. */
export async function migrate(url) {
  await run(process.execPath, [join(root, 'dist/apps/cli/src/main.js'), 'migrate'], { DATABASE_URL: url, LOG_LEVEL: 'warn' });
}

export function run(cmd, args, env = {}) {
  return new Promise((resolve, reject) => {
    const child = spawn(cmd, args, { cwd: root, env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'inherit'] });
    let out = '';
    child.stdout.on('data', (b) => (out += b));
    child.on('exit', (code) => (code === 0 ? resolve(out) : reject(new Error(`${args.join(' ')} exited ${code}: ${out}`))));
  });
}

/** Starts the API (or worker) from dist with the given environment; resolves once healthy. */
export async function startApp(kind, env) {
  const main = kind === 'worker' ? 'dist/apps/worker/src/main.js' : 'dist/apps/api/src/main.js';
  const dataDir = tempDir(`zs-bench-${kind}-`);
  const port = kind === 'api' ? await freePort() : 0;
  const child = spawn(process.execPath, [join(root, main)], {
    cwd: root,
    env: {
      ...process.env,
      NODE_ENV: 'production',
      JWT_SECRET: 'bench-secret-bench-secret-bench',
      DATA_KEY: '33'.repeat(32),
      HASH_KEY: '44'.repeat(32),
      LOG_LEVEL: 'warn',
      DATA_DIR: dataDir,
      PORT: String(port),
      HOST: '127.0.0.1',
      ADMIN_EMAIL: 'admin@bench.local',
      ADMIN_PASSWORD: 'Zs-bench-pass-2026',
      SEED_DEMO: 'false',
      ...env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let log = '';
  child.stdout.on('data', (b) => (log += b));
  child.stderr.on('data', (b) => (log += b));
  const exited = new Promise((resolve) => child.on('exit', resolve));
  const handle = {
    child,
    port,
    url: `http://127.0.0.1:${port}`,
    log: () => log,
    async stop(signal = 'SIGTERM') {
      if (child.exitCode === null) child.kill(signal);
      await Promise.race([exited, new Promise((r) => setTimeout(r, 15_000))]);
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
  if (kind === 'api') await waitHealthy(handle.url, 60_000, () => log);
  else
    await waitFor(
      () => log.includes('worker running'),
      60_000,
      () => log,
    );
  return handle;
}

export async function waitFor(check, timeoutMs, diag = () => '') {
  const until = Date.now() + timeoutMs;
  while (Date.now() < until) {
    if (await check()) return;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`timed out after ${timeoutMs} ms\n${diag()}`);
}

export async function waitHealthy(url, timeoutMs, diag, died = () => false) {
  await waitFor(
    async () => {
      if (died()) return true;
      try {
        const res = await fetch(`${url}/api/health`);
        return res.status === 200;
      } catch {
        return false;
      }
    },
    timeoutMs,
    diag,
  );
}

export async function login(url, email, password) {
  const res = await fetch(`${url}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email, password }),
  });
  if (res.status !== 200) throw new Error(`login ${email} failed: ${res.status} ${await res.text()}`);
  return (await res.json()).accessToken;
}
