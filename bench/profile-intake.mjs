#!/usr/bin/env node
// Diagnosis for intake: sequential latency, then load with autocannon while sampling
// pg_stat_activity wait events and the CPU time each side spends per lead (API process, this
// cluster's PostgreSQL processes, the load generator), from /proc. PROFILE_HOOK=<module> is preloaded into the API (--import), e.g. one
// that starts the inspector's CPU profiler on the first SIGUSR2 (load begins) and writes it on the second.
import pg from 'pg';
import { readFileSync, readdirSync } from 'node:fs';
import { build, migrate, startApp, startPostgres } from './lib/procs.mjs';
import { benchIntakeHttp, intakeBody } from './intake.mjs';
import { seedRoutingForBench } from './seed.mjs';

const say = (s) => process.stdout.write(`${s}\n`);

/** utime + stime of a process, in clock ticks (10 ms). */
function ticks(pid) {
  try {
    const f = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
    return Number(f[11]) + Number(f[12]);
  } catch {
    return 0;
  }
}

/** The postmaster listening on `port` and its children (backends, walwriter, …). */
function clusterPids(port) {
  const all = readdirSync('/proc').filter((x) => /^\d+$/.test(x));
  const read = (pid, f) => {
    try {
      return readFileSync(`/proc/${pid}/${f}`, 'utf8');
    } catch {
      return '';
    }
  };
  const root = all.find((pid) => read(pid, 'cmdline').includes('postgres') && read(pid, 'cmdline').includes(String(port)));
  return all.filter((pid) => pid === root || read(pid, 'stat').split(') ')[1]?.split(' ')[1] === root);
}
await build();
// PROFILE_STATEMENTS=1 preloads pg_stat_statements (nested statements too) and prints the top ones.
const statements = process.env.PROFILE_STATEMENTS === '1';
const db = await startPostgres(
  statements ? { settings: ['shared_preload_libraries=pg_stat_statements', 'pg_stat_statements.track=all', 'track_functions=pl'] } : {},
);
let api;
try {
  await migrate(db.url);
  const env = { DATABASE_URL: db.url, INTAKE_LIMIT_PER_IP_PER_MINUTE: '0', INTAKE_LIMIT_PER_PHONE_PER_HOUR: '0' };
  if (process.env.PROFILE_HOOK) env.NODE_OPTIONS = `--import ${process.env.PROFILE_HOOK}`;
  api = await startApp('api', env);
  await seedRoutingForBench(api.url, db.url);
  const times = [];
  for (let i = 0; i < 200; i++) {
    const t0 = performance.now();
    const res = await fetch(`${api.url}/api/leads`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(intakeBody(9_000_000 + i)),
    });
    await res.text();
    if (res.status !== 201) throw new Error(`status ${res.status}`);
    times.push(performance.now() - t0);
  }
  times.sort((a, b) => a - b);
  say(`sequential: p50 ${times[100].toFixed(1)} ms, p90 ${times[180].toFixed(1)} ms`);

  const client = new pg.Client({ connectionString: db.url });
  await client.connect();
  const waits = new Map();
  let stop = false;
  const sampler = (async () => {
    while (!stop) {
      const r = await client.query(
        `SELECT coalesce(wait_event_type, 'cpu') || ':' || coalesce(wait_event, '-') || ' ' || state AS w, count(*)::int AS n
         FROM pg_stat_activity WHERE backend_type = 'client backend' AND pid <> pg_backend_pid() GROUP BY 1`,
      );
      for (const row of r.rows) waits.set(row.w, (waits.get(row.w) ?? 0) + row.n);
      await new Promise((r) => setTimeout(r, 50));
    }
  })();
  if (statements) await client.query('CREATE EXTENSION IF NOT EXISTS pg_stat_statements; SELECT pg_stat_statements_reset()');
  if (process.env.PROFILE_HOOK) api.child.kill('SIGUSR2');
  const port = new URL(db.url).port;
  const cpu0 = { api: ticks(api.child.pid), pg: clusterPids(port).reduce((a, p) => a + ticks(p), 0), me: process.cpuUsage() };
  const http = await benchIntakeHttp(api.url, { connections: 50, duration: Number(process.env.DURATION ?? 10) });
  // Backends that exited during the load are not counted (the pool keeps its connections).
  const cpu = {
    api: ((ticks(api.child.pid) - cpu0.api) * 10) / http.total,
    pg: ((clusterPids(port).reduce((a, p) => a + ticks(p), 0) - cpu0.pg) * 10) / http.total,
    me: (({ user, system }) => user + system)(process.cpuUsage(cpu0.me)) / 1000 / http.total,
  };
  stop = true;
  await sampler;
  if (process.env.PROFILE_HOOK) {
    api.child.kill('SIGUSR2');
    await new Promise((r) => setTimeout(r, 3000));
  }
  const top = statements
    ? (
        await client.query(
          `SELECT calls, round(total_exec_time::numeric / $1, 3) AS ms_per_lead, round(mean_exec_time::numeric, 3) AS mean_ms,
                  left(regexp_replace(query, '\\s+', ' ', 'g'), 110) AS q
           FROM pg_stat_statements ORDER BY total_exec_time DESC LIMIT 25`,
          [http.total],
        )
      ).rows
    : [];
  await client.end();
  say(`load: ${http.perSecond.toFixed(0)}/s p50 ${http.p50} p99 ${http.p99} errors ${http.errors} non2xx ${http.non2xx}`);
  say(`CPU per lead: API ${cpu.api.toFixed(2)} ms, PostgreSQL ${cpu.pg.toFixed(2)} ms, load generator + sampler ${cpu.me.toFixed(2)} ms`);
  say('backend samples (wait_event state: count):');
  for (const [w, n] of [...waits].sort((a, b) => b[1] - a[1]).slice(0, 15)) say(`  ${n}\t${w}`);
  if (statements) {
    say('statements by total time (nested included, so a function and its statements both count):');
    say('  calls\tms/lead\tmean ms\tquery');
    for (const r of top) say(`  ${r.calls}\t${r.ms_per_lead}\t${r.mean_ms}\t${r.q}`);
  }
} finally {
  await api?.stop('SIGINT');
  await db.stop();
}
