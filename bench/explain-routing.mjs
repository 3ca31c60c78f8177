#!/usr/bin/env node
// EXPLAIN ANALYZE of routing's load read, before (count(*) of open leads per consultant over the
// lead table) and after (sum of the trigger-kept consultant_load rows), at BENCH_LEADS leads
// (default 1,000,000) over 20 consultants. Rows are bulk-inserted with SQL (the trigger keeps
// consultant_load as they go). Prints both plans.
import pg from 'pg';
import { migrate, startPostgres } from './lib/procs.mjs';

const LEADS = Number(process.env.BENCH_LEADS ?? 1_000_000);
const say = (s) => process.stdout.write(`${s}\n`);
const db = await startPostgres();
try {
  await migrate(db.url);
  const c = new pg.Client({ connectionString: db.url });
  await c.connect();
  await c.query(`INSERT INTO app_user (email, name, role, password_hash)
                 SELECT 'c' || i || '@explain.local', '顾问' || i, 'consultant', 'x' FROM generate_series(1, 20) i`);
  const t0 = Date.now();
  const ids = (await c.query(`SELECT array_agg(id ORDER BY id) AS ids FROM app_user WHERE role = 'consultant'`)).rows[0].ids;
  // In batches: row triggers queue their events in memory until the statement ends.
  for (let from = 1; from <= LEADS; from += 100_000) {
    await c.query(
      `INSERT INTO lead (reference, company, contact_name, phone_enc, phone_hash, phone_masked, phone_last4, need, usage, tax_text, channel, parsed, requirements, owner_id, stage)
     SELECT 'EX-' || i, '公司' || i, '王先生', 'v1:x', 'h' || i, '139****0000', '0000', '厂房', '', '', 'web', '{}', '{}',
            ($3::uuid[])[1 + i % 20],
            (ARRAY['new','contacted','qualified','site_visit','negotiating','signed','landed','lost'])[1 + i % 8]
     FROM generate_series($1::int, $2::int) i`,
      [from, Math.min(LEADS, from + 99_999), ids],
    );
  }
  say(`${LEADS} leads inserted in ${((Date.now() - t0) / 1000).toFixed(1)} s (trigger included)`);
  await c.query('ANALYZE');
  const before = await c.query(
    `EXPLAIN (ANALYZE, BUFFERS)
    SELECT u.id, (SELECT count(*) FROM lead l WHERE l.owner_id = u.id AND l.stage = ANY($1)) AS load
    FROM app_user u WHERE u.role = 'consultant' ORDER BY u.id`,
    [['new', 'contacted', 'qualified', 'site_visit', 'negotiating']],
  );
  say('\nBEFORE (count(*) per consultant, every intake):');
  for (const r of before.rows) say(`  ${r['QUERY PLAN']}`);
  const after = await c.query(`EXPLAIN (ANALYZE, BUFFERS)
    SELECT u.id, l.load FROM app_user u
    LEFT JOIN LATERAL (SELECT sum(cl.open_leads)::int AS load FROM consultant_load cl WHERE cl.user_id = u.id) l ON true
    WHERE u.role = 'consultant' ORDER BY u.id`);
  say('\nAFTER (consultant_load), right after the bulk insert (one transaction per batch: dead row versions not yet pruned):');
  for (const r of after.rows) say(`  ${r['QUERY PLAN']}`);
  await c.query('VACUUM consultant_load');
  const vacuumed = await c.query(`EXPLAIN (ANALYZE, BUFFERS)
    SELECT u.id, l.load FROM app_user u
    LEFT JOIN LATERAL (SELECT sum(cl.open_leads)::int AS load FROM consultant_load cl WHERE cl.user_id = u.id) l ON true
    WHERE u.role = 'consultant' ORDER BY u.id`);
  say('\nAFTER (consultant_load), vacuumed (as autovacuum and page pruning keep it):');
  for (const r of vacuumed.rows) say(`  ${r['QUERY PLAN']}`);
  const check = await c.query(`SELECT (SELECT sum(open_leads) FROM consultant_load)::int AS kept,
    (SELECT count(*) FROM lead WHERE owner_id IS NOT NULL AND stage NOT IN ('signed','landed','lost'))::int AS counted`);
  say(`\nconsultant_load total ${check.rows[0].kept} = counted ${check.rows[0].counted}`);
  await c.end();
} finally {
  await db.stop();
}
