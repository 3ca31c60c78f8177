// `npm start` to healthy: a fresh data folder (initdb + migrations + first admin) and a warm restart,
// beside a baseline measured in the same run: a bare Node HTTP server answering its first request.
import { spawn } from 'node:child_process';
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { freePort, root, tempDir, waitFor, waitHealthy } from './lib/procs.mjs';

async function timeToHealthy(dataDir, pgPort) {
  const port = await freePort();
  const started = Date.now();
  const child = spawn(process.execPath, [join(root, 'dist/apps/api/src/main.js')], {
    cwd: root,
    env: {
      ...process.env,
      PORT: String(port),
      DATA_DIR: dataDir,
      EMBEDDED_PG_PORT: String(pgPort),
      LOG_LEVEL: 'warn',
      SEED_DEMO: 'true',
      NODE_ENV: 'development',
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let log = '';
  child.stdout.on('data', (b) => (log += b));
  child.stderr.on('data', (b) => (log += b));
  await waitHealthy(`http://127.0.0.1:${port}`, 60_000, () => log);
  const ms = Date.now() - started;
  const exited = new Promise((r) => child.on('exit', r));
  child.kill('SIGINT');
  await exited;
  return ms;
}

async function bareNodeServer() {
  const port = await freePort();
  const started = Date.now();
  const child = spawn(process.execPath, ['-e', `require('node:http').createServer((q,s)=>s.end('ok')).listen(${port})`], {
    stdio: 'ignore',
  });
  await waitFor(async () => {
    try {
      return (await fetch(`http://127.0.0.1:${port}/`)).status === 200;
    } catch {
      return false;
    }
  }, 10_000);
  const ms = Date.now() - started;
  child.kill();
  return ms;
}

export async function benchStartup() {
  const dataDir = tempDir('zs-bench-start-');
  const pgPort = await freePort();
  try {
    const baseline = await bareNodeServer();
    const fresh = await timeToHealthy(dataDir, pgPort);
    const warm = [];
    for (let i = 0; i < 3; i++) warm.push(await timeToHealthy(dataDir, pgPort));
    warm.sort((a, b) => a - b);
    return { baselineMs: baseline, freshMs: fresh, warmMs: warm[1] };
  } finally {
    rmSync(dataDir, { recursive: true, force: true });
  }
}
