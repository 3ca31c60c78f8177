#!/usr/bin/env node
// `npm run bench`: builds, starts a fresh embedded PostgreSQL and the API, runs every benchmark beside
// its baseline measured in the same run, and writes bench/RESULTS.md (never edited by hand).
// Settings: BENCH_DURATION (s, intake; default 60), BENCH_LEADS (default 1000000), BENCH_SKIP (comma list).
import { execSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { cpus, totalmem } from 'node:os';
import { join } from 'node:path';
import { build, migrate, root, startApp, startPostgres } from './lib/procs.mjs';
import { fmt } from './lib/stats.mjs';
import { sampleRss } from './lib/rss.mjs';
import { benchStartup } from './startup.mjs';
import { benchIntakeBaseline, benchIntakeHttp } from './intake.mjs';
import { benchReads } from './reads.mjs';

const duration = Number(process.env.BENCH_DURATION ?? 60);
const skip = new Set((process.env.BENCH_SKIP ?? '').split(',').filter(Boolean));
const rows = [];
const notes = [];
const say = (s) => process.stdout.write(`${s}\n`);

function row(what, target, figure, baseline, ratio, ok) {
  rows.push({ what, target, figure, baseline, ratio, ok });
  say(`${ok === undefined ? '  ' : ok ? 'OK' : '!!'} ${what}: ${figure} (baseline ${baseline}; ${ratio}) target ${target}`);
}

/** Runs `fn` with a connected client of `url`, closed afterwards. */
async function withClient(url, fn) {
  const pgm = (await import('pg')).default;
  const c = new pgm.Client({ connectionString: url });
  await c.connect();
  try {
    return await fn(c);
  } finally {
    await c.end();
  }
}

/** The full path, checked after the load: every lead saved by it routed (owner or pool), its notifications in the outbox. */
function intakeCompleteness(url) {
  return withClient(url, async (c) => {
    // autocannon stops at the deadline with requests in flight: their leads are saved and their batch still routing.
    const started = Date.now();
    while (Date.now() - started < 30_000 && (await c.query('SELECT 1 FROM lead_created_queue LIMIT 1')).rowCount > 0) {
      await new Promise((r) => setTimeout(r, 100));
    }
    const waited = Date.now() - started;
    const { rows } = await c.query(
      `SELECT count(*)::int AS leads,
              count(*) FILTER (WHERE owner_id IS NULL AND pooled_at IS NULL)::int AS unrouted,
              (SELECT count(*)::int FROM lead_created_queue) AS queued,
              (SELECT count(DISTINCT lead_id)::int FROM notification) AS notified
       FROM lead WHERE NOT demo`,
    );
    const r = rows[0];
    return `intake full path, checked ${waited} ms after the load (routing of the requests in flight at the deadline): ${r.leads} leads saved, ${r.unrouted} not routed, ${r.queued} still queued for routing, ${r.notified} with outbox notifications`;
  });
}

/** How many notifications are still waiting for delivery (the API process's worker sends them during the reads). */
async function outboxDue(url) {
  const { rows } = await withClient(url, (c) => c.query(`SELECT count(*)::int AS due FROM notification WHERE status IN ('pending', 'failed')`));
  return rows[0].due;
}

async function main() {
  say('building…');
  await build();

  if (!skip.has('startup')) {
    say('startup…');
    const s = await benchStartup();
    row(
      '`npm start` to healthy, fresh data folder',
      '≤ 10 s',
      `${fmt(s.freshMs / 1000, 2)} s`,
      `bare Node HTTP server ${s.baselineMs} ms`,
      `${fmt(s.freshMs / s.baselineMs)}×`,
      s.freshMs <= 10_000,
    );
    row(
      '`npm start` to healthy, warm',
      '≤ 3 s',
      `${fmt(s.warmMs / 1000, 2)} s`,
      `bare Node HTTP server ${s.baselineMs} ms`,
      `${fmt(s.warmMs / s.baselineMs)}×`,
      s.warmMs <= 3000,
    );
  }

  const pg = await startPostgres();
  let api;
  try {
    await migrate(pg.url);
    api = await startApp('api', { DATABASE_URL: pg.url, INTAKE_LIMIT_PER_IP_PER_MINUTE: '0', INTAKE_LIMIT_PER_PHONE_PER_HOUR: '0' });
    const { seedRoutingForBench } = await import('./seed.mjs');
    await seedRoutingForBench(api.url, pg.url);

    if (!skip.has('intake')) {
      say(`intake: ${duration} s at 50 connections…`);
      const rss = sampleRss(api.child.pid);
      const http = await benchIntakeHttp(api.url, { connections: 50, duration });
      const { peak: peakRss, windows: rssBy5s } = rss.stop();
      notes.push(await intakeCompleteness(pg.url));
      say(`baseline: plain INSERT, ${duration} s at 50 connections…`);
      const base = await benchIntakeBaseline(pg.url, { connections: 50, duration });
      const ok = http.perSecond >= 1000 && http.p99 <= 100 && http.errors === 0 && http.non2xx === 0;
      row(
        'intake POST /api/leads, 50 concurrent, sustained',
        `≥ 1000 leads/s, p99 ≤ 100 ms, 0 errors`,
        `${fmt(http.perSecond, 0)} leads/s, p50 ${http.p50} ms, p99 ${http.p99} ms, ${http.errors} errors, ${http.non2xx} non-2xx (${http.total} leads in ${duration} s)`,
        `${fmt(base.perSecond, 0)} inserts/s, p99 ${fmt(base.p99)} ms`,
        `${fmt(http.perSecond / base.perSecond, 3)}× baseline throughput`,
        ok,
      );
      row('API memory (RSS) under intake load', '≤ 300 MB', `${fmt(peakRss, 0)} MB peak`, '—', '—', peakRss <= 300);
      notes.push(`API RSS under the intake load, peak of each 5 s in MB: ${rssBy5s.map((mb) => fmt(mb, 0)).join(' ')}`);
    }

    if (!skip.has('reads')) {
      const results = await benchReads({
        api,
        databaseUrl: pg.url,
        say,
        leads: Number(process.env.BENCH_LEADS ?? 1_000_000),
        beforeTimed: async () => notes.push(`reads timed while ${await outboxDue(pg.url)} notifications were still due for delivery (the API process delivers them meanwhile)`),
      });
      for (const r of results.rows) row(...r);
      notes.push(...results.notes);
    }
  } finally {
    await api?.stop();
    await pg.stop();
  }

  let commit = 'unknown';
  try {
    commit = execSync('git rev-parse --short HEAD', { cwd: root }).toString().trim();
  } catch {
    /* not a checkout */
  }
  const md = [
    '# Benchmark results',
    '',
    'Written by `npm run bench` (bench/run.mjs); do not edit by hand. Every figure stands beside a baseline measured in the same run on the same machine.',
    '',
    `- date: ${new Date().toISOString()}`,
    `- commit: ${commit}`,
    `- machine: ${cpus().length} × ${cpus()[0]?.model ?? 'cpu'}, ${fmt(totalmem() / 2 ** 30, 0)} GiB, Node ${process.version}`,
    `- settings: BENCH_DURATION=${duration}, BENCH_LEADS=${process.env.BENCH_LEADS ?? 1_000_000}`,
    '',
    '| | what | target | figure | baseline (same run) | ratio |',
    '|---|---|---|---|---|---|',
    ...rows.map(
      (r) => `| ${r.ok === undefined ? '' : r.ok ? '✅' : '❌'} | ${r.what} | ${r.target} | ${r.figure} | ${r.baseline} | ${r.ratio} |`,
    ),
    '',
    ...(notes.length ? ['## Notes', '', ...notes.map((n) => `- ${n}`), ''] : []),
  ].join('\n');
  writeFileSync(join(root, 'bench', 'RESULTS.md'), md);
  say('\nwrote bench/RESULTS.md');
}

main().catch((e) => {
  process.stderr.write(`${e.stack ?? e}\n`);
  process.exit(1);
});
