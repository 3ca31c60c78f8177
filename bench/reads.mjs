// Read paths at scale: the consultant's lead list page, lead detail, matches and every report, each
// beside the naive way of getting the same answer, measured in the same run on the same data.
import pg from 'pg';
import { generate } from './generate.mjs';
import { login } from './lib/procs.mjs';
import { call } from './seed.mjs';
import { fmt, timeIt } from './lib/stats.mjs';

const DATA_KEY = Buffer.from('33'.repeat(32), 'hex');
const HASH_KEY = Buffer.from('44'.repeat(32), 'hex');

async function get(url, token, path) {
  const res = await fetch(`${url}${path}`, { headers: { authorization: `Bearer ${token}` } });
  if (res.status !== 200) throw new Error(`GET ${path}: ${res.status} ${(await res.text()).slice(0, 200)}`);
  return res.json();
}

export async function benchReads({ api, databaseUrl, say, leads, beforeTimed = async () => undefined }) {
  const rows = [];
  const notes = [];
  const events = leads * 5;
  say(`generating ${leads} leads, ${events} events, 100000 listings, 300 parks, 1000 articles…`);
  const gen = await generate(databaseUrl, { leads, listings: 100_000, dataKey: DATA_KEY, hashKey: HASH_KEY, say });
  notes.push(`data generated in ${fmt(gen.seconds, 0)} s: ${leads} leads, ${events} events, 100,000 listings, 300 parks, 1,000 articles (bench/generate.mjs)`);

  const pool = new pg.Pool({ connectionString: databaseUrl, max: 4 });
  const consultant = await login(api.url, 'c1@bench.local', 'bench-consultant-2026');
  const admin = await login(api.url, 'admin@bench.local', 'Zs-bench-pass-2026');
  await call(api.url, admin, 'POST', '/api/users', { email: 'mgr@bench.local', password: 'bench-manager-2026', name: '基准经理', role: 'manager' }).catch(() => undefined);
  const manager = await login(api.url, 'mgr@bench.local', 'bench-manager-2026');
  const { rows: me } = await pool.query("SELECT id FROM app_user WHERE email = 'c1@bench.local'");
  const ownerId = me[0].id;
  await beforeTimed();

  const add = (what, target, limitMs, api, base, baseLabel) =>
    rows.push([what, target, `p95 ${fmt(api.p95)} ms (p50 ${fmt(api.p50)} ms)`, `${baseLabel}: p95 ${fmt(base.p95)} ms`, `${fmt(base.p95 / api.p95)}× faster than naive`, api.p95 <= limitMs]);

  say('lead list page…');
  const first = await get(api.url, consultant, '/api/leads?limit=50');
  const cursor = first.nextCursor;
  const list = await timeIt((i) => get(api.url, consultant, i % 2 && cursor ? `/api/leads?limit=50&cursor=${encodeURIComponent(cursor)}` : '/api/leads?limit=50'));
  const listNaive = await timeIt(
    (i) =>
      pool.query(
        `SELECT l.*, (SELECT count(*) FROM lead WHERE owner_id = $1) AS total FROM lead l WHERE owner_id = $1 ORDER BY created_at DESC OFFSET $2 LIMIT 50`,
        [ownerId, (i % 2) * 50],
      ),
    { iterations: 50, warmup: 3 },
  );
  add(`lead list page (consultant, ${leads} leads)`, 'p95 ≤ 20 ms', 20, list, listNaive, 'naive OFFSET page + count(*) in SQL');

  const search = await timeIt(() => get(api.url, manager, `/api/leads?limit=50&q=${encodeURIComponent('精密电机')}`), { iterations: 50, warmup: 3 });
  const searchNaive = await timeIt(() => pool.query(`SELECT * FROM lead WHERE company LIKE '%精密电机%' ORDER BY created_at DESC LIMIT 50`), { iterations: 10, warmup: 1 });
  add('lead search "精密电机" (manager, all leads)', '—', Infinity, search, searchNaive, 'naive LIKE scan');
  rows[rows.length - 1][5] = undefined;

  const sample = first.items?.[0]?.id ?? first.data?.[0]?.id ?? first[0]?.id;
  say('lead detail…');
  const detail = await timeIt(() => get(api.url, consultant, `/api/leads/${sample}`));
  const detailNaive = await timeIt(async () => {
    await pool.query('SELECT * FROM lead WHERE id = $1', [sample]);
    await pool.query('SELECT * FROM lead_event WHERE lead_id = $1', [sample]);
    await pool.query('SELECT * FROM lead_stage_change WHERE lead_id = $1', [sample]);
  });
  rows.push([
    'lead detail',
    '—',
    `p95 ${fmt(detail.p95)} ms`,
    `3 direct SQL lookups: p95 ${fmt(detailNaive.p95)} ms`,
    `${fmt(detail.p95 / detailNaive.p95)}× the raw lookups`,
    undefined,
  ]);

  say('matches…');
  const matches = await timeIt(() => get(api.url, consultant, `/api/leads/${sample}/matches`));
  const { rows: leadRow } = await pool.query('SELECT property_type, area_sqm_min, area_sqm_max FROM lead WHERE id = $1', [sample]);
  const need = leadRow[0];
  const matchesNaive = await timeIt(
    async () => {
      const { rows: all } = await pool.query('SELECT * FROM listing');
      all
        .filter((l) => l.status === 'available' && l.kind === need.property_type && Number(l.area_sqm) >= need.area_sqm_min * 0.8 && Number(l.area_sqm) <= need.area_sqm_max * 1.2)
        .sort((a, b) => Math.abs(a.area_sqm - need.area_sqm_min) - Math.abs(b.area_sqm - need.area_sqm_min))
        .slice(0, 20);
    },
    { iterations: 10, warmup: 1 },
  );
  add('matches (100,000 listings)', 'p95 ≤ 15 ms', 15, matches, matchesNaive, 'load all listings, filter in JS');

  const from = new Date(Date.now() - 3 * 365 * 86400_000).toISOString().slice(0, 10);
  const to = new Date().toISOString().slice(0, 10);
  const yearAgo = new Date(Date.now() - 365 * 86400_000).toISOString().slice(0, 10);
  const reports = [
    ['funnel', `/api/reports/funnel?from=${from}&to=${to}`],
    ['conversion by channel', `/api/reports/conversion?groupBy=channel&from=${from}&to=${to}`],
    ['conversion by consultant', `/api/reports/conversion?groupBy=consultant&from=${from}&to=${to}`],
    ['conversion by article', `/api/reports/conversion?groupBy=article&from=${from}&to=${to}`],
    ['conversion by park', `/api/reports/conversion?groupBy=park&from=${from}&to=${to}`],
    ['conversion by industry', `/api/reports/conversion?groupBy=industry&from=${from}&to=${to}`],
    ['response times by consultant', `/api/reports/response-times?groupBy=consultant&from=${from}&to=${to}`],
    ['trend by day (last 365 days: at most 1,000 periods)', `/api/reports/trend?interval=day&from=${yearAgo}&to=${to}`],
    ['trend by week', `/api/reports/trend?interval=week&from=${from}&to=${to}`],
    ['trend by month', `/api/reports/trend?interval=month&from=${from}&to=${to}`],
    ['lost reasons', `/api/reports/lost-reasons?from=${from}&to=${to}`],
  ];
  say('reports…');
  const naiveReport = await timeIt(
    async () => {
      const { rows: all } = await pool.query('SELECT stage, channel, owner_id, created_at, first_response_at, signed_investment_wan FROM lead');
      const by = {};
      for (const l of all) by[l.channel] = (by[l.channel] ?? 0) + (l.stage === 'signed' || l.stage === 'landed' ? 1 : 0);
    },
    { iterations: 3, warmup: 1 },
  );
  for (const [name, path] of reports) {
    const r = await timeIt(() => get(api.url, manager, path), { iterations: 10, warmup: 2 });
    rows.push([
      `report: ${name} (3 years, ${leads} leads / ${events} events)`,
      '≤ 300 ms',
      `p95 ${fmt(r.p95)} ms (p50 ${fmt(r.p50)} ms)`,
      `naive: load all leads into JS and group: p95 ${fmt(naiveReport.p95)} ms`,
      `${fmt(naiveReport.p95 / r.p95)}× faster than naive`,
      r.p95 <= 300,
    ]);
  }
  await pool.end();
  return { rows, notes };
}
