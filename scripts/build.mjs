#!/usr/bin/env node
// Builds the server (SWC: apps + libs + migrations → dist/) and the web app (Vite → dist/web).
// Runs on `npm install` (prepare) and again from `npm start` when sources changed since the last build.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, statSync, writeFileSync, readFileSync, rmSync } from 'node:fs';
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const dist = join(root, 'dist');
const bin = (name) => join(root, 'node_modules', '.bin', name);

function newest(paths, skip = /node_modules|dist|\.spec\.ts$/) {
  let latest = 0;
  const walk = (p) => {
    if (!existsSync(p) || skip.test(p.slice(root.length))) return;
    const s = statSync(p);
    if (s.isDirectory()) for (const e of readdirSync(p)) walk(join(p, e));
    else latest = Math.max(latest, s.mtimeMs);
  };
  for (const p of paths) walk(join(root, p));
  return latest;
}

function stamp(name) {
  const f = join(dist, `.${name}-built`);
  return existsSync(f) ? Number(readFileSync(f, 'utf8')) : 0;
}

function run(cmd, args) {
  const r = spawnSync(cmd, args, { cwd: root, stdio: 'inherit' });
  if (r.status !== 0) {
    process.stderr.write(`build failed: ${cmd} ${args.join(' ')}\n`);
    process.exit(r.status ?? 1);
  }
}

export function buildServer(force = false) {
  const src = newest(['apps/api/src', 'apps/worker/src', 'apps/cli/src', 'libs', 'migrations', '.swcrc', 'package.json']);
  if (!force && stamp('server') >= src && existsSync(join(dist, 'apps/api/src/main.js'))) return false;
  const started = Date.now();
  for (const d of ['apps', 'libs', 'migrations']) rmSync(join(dist, d), { recursive: true, force: true });
  run(bin('swc'), [
    'apps/api/src',
    'apps/worker/src',
    'apps/cli/src',
    'libs',
    'migrations',
    '-d',
    'dist',
    '--config-file',
    '.swcrc',
    '--ignore',
    '**/*.spec.ts',
    '--quiet',
  ]);
  mkdirSync(dist, { recursive: true });
  writeFileSync(join(dist, '.server-built'), String(Date.now()));
  process.stdout.write(`[build] server built in ${Date.now() - started} ms\n`);
  return true;
}

export function buildWeb(force = false) {
  if (!existsSync(join(root, 'apps/web/index.html'))) return false;
  const src = newest(['apps/web'], /node_modules|dist/);
  if (!force && stamp('web') >= src && existsSync(join(dist, 'web/index.html'))) return false;
  const started = Date.now();
  run(bin('vite'), ['build', '--config', 'apps/web/vite.config.ts', '--logLevel', 'warn']);
  writeFileSync(join(dist, '.web-built'), String(Date.now()));
  process.stdout.write(`[build] web app built in ${Date.now() - started} ms\n`);
  return true;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const force = process.argv.includes('--force');
  const only = process.argv.find((a) => a === 'server' || a === 'web');
  if (!only || only === 'server') buildServer(force);
  if (!only || only === 'web') buildWeb(force);
}
