#!/usr/bin/env node
// Diagnosis for intake: sequential latency, then load with autocannon while sampling
// pg_stat_activity wait events. PROFILE_HOOK=<module> is preloaded into the API (--import), e.g. one
// that starts the inspector's CPU profiler on the first SIGUSR2 (load begins) and writes it on the second.
import pg from 'pg';
import { build, migrate, startApp, startPostgres } from './lib/procs.mjs';
import { benchIntakeHttp, intakeBody } from './intake.mjs';
import { seedRoutingForBench } from './seed.mjs';

const say = (s) => process.stdout.write(`${s}\n`);
await build();
const db = await startPostgres();
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
  if (process.env.PROFILE_HOOK) api.child.kill('SIGUSR2');
  const http = await benchIntakeHttp(api.url, { connections: 50, duration: Number(process.env.DURATION ?? 10) });
  stop = true;
  await sampler;
  if (process.env.PROFILE_HOOK) {
    api.child.kill('SIGUSR2');
    await new Promise((r) => setTimeout(r, 3000));
  }
  await client.end();
  say(`load: ${http.perSecond.toFixed(0)}/s p50 ${http.p50} p99 ${http.p99} errors ${http.errors} non2xx ${http.non2xx}`);
  say('backend samples (wait_event state: count):');
  for (const [w, n] of [...waits].sort((a, b) => b[1] - a[1]).slice(0, 15)) say(`  ${n}\t${w}`);
} finally {
  await api?.stop('SIGINT');
  await db.stop();
}
