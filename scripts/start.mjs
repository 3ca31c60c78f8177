#!/usr/bin/env node
// `npm start` (api), `npm run start:worker`, `npm run cli -- …`: rebuild what changed, then run it.
// Ctrl-C reaches the child (same process group); we wait for it so nothing is left behind.
import { spawn } from 'node:child_process';
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { buildServer, buildWeb } from './build.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const [target = 'api', ...args] = process.argv.slice(2);
const apps = { api: 'apps/api/src/main.js', worker: 'apps/worker/src/main.js', cli: 'apps/cli/src/main.js' };
if (!apps[target]) {
  process.stderr.write(`unknown target ${target}; use api, worker or cli\n`);
  process.exit(2);
}
buildServer();
if (target === 'api') buildWeb();

const child = spawn(process.execPath, ['--enable-source-maps', join(root, 'dist', apps[target]), ...args], {
  cwd: root,
  stdio: 'inherit',
  env: { ...process.env, NODE_ENV: process.env.NODE_ENV ?? 'development' },
});
for (const sig of ['SIGINT', 'SIGTERM', 'SIGHUP']) {
  process.on(sig, () => child.kill(sig));
}
child.on('exit', (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
