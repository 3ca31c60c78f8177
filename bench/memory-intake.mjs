#!/usr/bin/env node
// The API's memory under the intake load: RSS (anonymous and file-backed) at idle, its peak per 5 s
// during DURATION seconds (default 30) of 50-connection intake, and after. The API gets this
// process's environment, so `HEAP_GROWING_PERCENT=60 node bench/memory-intake.mjs` tries a setting;
// API_NODE_OPTIONS=… passes Node options (e.g. --max-semi-space-size=32).
import { readFileSync } from 'node:fs';
import { build, migrate, startApp, startPostgres } from './lib/procs.mjs';
import { benchIntakeHttp } from './intake.mjs';
import { seedRoutingForBench } from './seed.mjs';
import { sampleRss } from './lib/rss.mjs';

const say = (s) => process.stdout.write(`${s}\n`);
const mb = (kb) => (kb / 1024).toFixed(0);
function memory(pid) {
  const s = readFileSync(`/proc/${pid}/smaps_rollup`, 'utf8');
  const kb = (k) => Number(s.match(new RegExp(`^${k}:\\s+(\\d+)`, 'm'))?.[1] ?? 0);
  return `RSS ${mb(kb('Rss'))} MB (anonymous ${mb(kb('Anonymous'))}, files ${mb(kb('Rss') - kb('Anonymous'))})`;
}

await build();
const db = await startPostgres();
let api;
try {
  await migrate(db.url);
  const env = { DATABASE_URL: db.url, INTAKE_LIMIT_PER_IP_PER_MINUTE: '0', INTAKE_LIMIT_PER_PHONE_PER_HOUR: '0' };
  if (process.env.API_NODE_OPTIONS) env.NODE_OPTIONS = process.env.API_NODE_OPTIONS;
  api = await startApp('api', env);
  const pid = api.child.pid;
  await seedRoutingForBench(api.url, db.url);
  say(`idle: ${memory(pid)}`);
  const rss = sampleRss(pid, { everyMs: 100 });
  const r = await benchIntakeHttp(api.url, { duration: Number(process.env.DURATION ?? 30) });
  const { peak, windows } = rss.stop();
  say(`load: ${Math.round(r.perSecond)} leads/s, p50 ${r.p50} ms, p99 ${r.p99} ms, ${r.errors} errors, ${r.non2xx} non-2xx`);
  say(`RSS peak ${peak.toFixed(0)} MB; peak of each 5 s: ${windows.map((w) => w.toFixed(0)).join(' ')}`);
  say(`after the load: ${memory(pid)}`);
} finally {
  await api?.stop();
  await db.stop();
}
