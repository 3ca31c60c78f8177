import type { MigrationInterface, QueryRunner } from 'typeorm';

const STAGES = `ARRAY['new','contacted','qualified','site_visit','negotiating','signed','landed']::text[]`;
const LOCAL_DAY = (col: string) => `(${col} AT TIME ZONE 'Asia/Shanghai')::date`;

/**
 * Working minutes from the clock start to the first response on routing's DEFAULT_WORKING_HOURS
 * (09:00–18:00 Mon–Fri Asia/Shanghai, holiday_calendar for 放假/调休上班) — the same SQL as the
 * reports' live path (reports.repository.ts), stored per fact so a report does not recompute it.
 */
const DEFAULT_RESPONSE_MINUTES_SQL = (f: string, t: string) => `floor(COALESCE((
  SELECT sum(GREATEST(0, extract(epoch FROM LEAST(d.day + time '18:00', ${t}) - GREATEST(d.day + time '09:00', ${f}))))
    FROM generate_series(date_trunc('day', ${f}), ${t}, interval '1 day') AS d(day)
    LEFT JOIN holiday_calendar h ON h.date = d.day::date
   WHERE CASE h.kind WHEN 'holiday' THEN false WHEN 'workday' THEN true ELSE extract(isodow FROM d.day)::int = ANY(ARRAY[1,2,3,4,5]) END
), 0) / 60)::int`;

/**
 * Daily rollups of lead_report_fact for unfiltered reports, and the lead list's owner index.
 *
 * Writers never touch the rollups (no hot rows, no locks on the intake path): a statement trigger on
 * lead_report_fact appends the China-time days it touched (created, signed, lost) to report_dirty_day.
 * zs_report_refresh() — called by the reports before reading — takes those days (DELETE … RETURNING:
 * rows of writers not yet committed stay for the next refresh) and recomputes them from the facts.
 */
export class ReportRollups1795625766442 implements MigrationInterface {
  name = 'ReportRollups1795625766442';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`CREATE INDEX "lead_owner_id_created_at_id_idx" ON "lead" ("owner_id", "created_at", "id") `);
    await queryRunner.query(`DROP INDEX "public"."lead_owner_id_idx"`);
    await queryRunner.query(`ALTER TABLE "lead_report_fact" ADD "response_minutes" integer`);
    await queryRunner.query(`ALTER TABLE "lead_report_fact" ADD "response_start" TIMESTAMP WITH TIME ZONE`);
    await queryRunner.query(`ALTER TABLE "lead_report_fact" ADD "response_at" TIMESTAMP WITH TIME ZONE`);
    await queryRunner.query(`CREATE TABLE report_dirty_day (day date NOT NULL)`);
    await queryRunner.query(`CREATE TABLE report_daily (
      day date NOT NULL, kind text NOT NULL, key text,
      leads int NOT NULL, r0 int NOT NULL, r1 int NOT NULL, r2 int NOT NULL, r3 int NOT NULL, r4 int NOT NULL, r5 int NOT NULL, r6 int NOT NULL,
      standing int NOT NULL, inv numeric NOT NULL, tax numeric NOT NULL, signed int NOT NULL, lost int NOT NULL)`);
    await queryRunner.query(`CREATE INDEX report_daily_kind_day_idx ON report_daily (kind, day)`);
    await queryRunner.query(`CREATE TABLE report_lost_daily (day date NOT NULL, reason text, from_stage text, n int NOT NULL)`);
    await queryRunner.query(`CREATE INDEX report_lost_daily_day_idx ON report_lost_daily (day)`);

    const mark = (rows: string) => `INSERT INTO report_dirty_day (day)
          SELECT DISTINCT d FROM ${rows} r
           CROSS JOIN LATERAL unnest(ARRAY[${LOCAL_DAY('r.created_at')}, ${LOCAL_DAY('r.signed_at')}, ${LOCAL_DAY('r.lost_at')}]) d
           WHERE d IS NOT NULL;`;
    await queryRunner.query(`CREATE OR REPLACE FUNCTION zs_report_mark_new() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN IF current_setting('zs.report_refresh', true) = 'on' THEN RETURN NULL; END IF; ${mark('new_rows')} RETURN NULL; END $$`);
    await queryRunner.query(`CREATE OR REPLACE FUNCTION zs_report_mark_old() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN IF current_setting('zs.report_refresh', true) = 'on' THEN RETURN NULL; END IF; ${mark('old_rows')} RETURN NULL; END $$`);
    await queryRunner.query(
      `CREATE TRIGGER report_fact_dirty_insert AFTER INSERT ON lead_report_fact REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION zs_report_mark_new()`,
    );
    await queryRunner.query(
      `CREATE TRIGGER report_fact_dirty_update_new AFTER UPDATE ON lead_report_fact REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION zs_report_mark_new()`,
    );
    await queryRunner.query(
      `CREATE TRIGGER report_fact_dirty_update_old AFTER UPDATE ON lead_report_fact REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION zs_report_mark_old()`,
    );
    await queryRunner.query(
      `CREATE TRIGGER report_fact_dirty_delete AFTER DELETE ON lead_report_fact REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION zs_report_mark_old()`,
    );

    // A holiday calendar change invalidates the stored minutes of answered leads whose wait may span the changed dates.
    const invalidate = (rows: string) => `UPDATE lead_report_fact SET response_at = NULL
          FROM (SELECT min(date) AS lo, max(date) AS hi FROM ${rows}) c
         WHERE c.lo IS NOT NULL AND response_at IS NOT NULL
           AND first_response_at >= (c.lo - 1)::timestamp AT TIME ZONE 'Asia/Shanghai'
           AND created_at < (c.hi + 2)::timestamp AT TIME ZONE 'Asia/Shanghai';`;
    await queryRunner.query(`CREATE OR REPLACE FUNCTION zs_report_holidays_new() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN ${invalidate('new_rows')} RETURN NULL; END $$`);
    await queryRunner.query(`CREATE OR REPLACE FUNCTION zs_report_holidays_old() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN ${invalidate('old_rows')} RETURN NULL; END $$`);
    for (const [name, event, table, fn] of [
      ['report_holidays_insert', 'INSERT', 'NEW TABLE AS new_rows', 'zs_report_holidays_new'],
      ['report_holidays_update_new', 'UPDATE', 'NEW TABLE AS new_rows', 'zs_report_holidays_new'],
      ['report_holidays_update_old', 'UPDATE', 'OLD TABLE AS old_rows', 'zs_report_holidays_old'],
      ['report_holidays_delete', 'DELETE', 'OLD TABLE AS old_rows', 'zs_report_holidays_old'],
    ]) {
      await queryRunner.query(`CREATE TRIGGER ${name} AFTER ${event} ON holiday_calendar REFERENCING ${table} FOR EACH STATEMENT EXECUTE FUNCTION ${fn}()`);
    }

    // Recompute the dirty days (one refresher at a time; every statement sees what committed before it).
    await queryRunner.query(`CREATE OR REPLACE FUNCTION zs_report_refresh() RETURNS int LANGUAGE plpgsql AS $$
      DECLARE days date[];
      BEGIN
        PERFORM pg_advisory_xact_lock(hashtext('zs_report_refresh'));
        WITH d AS (DELETE FROM report_dirty_day RETURNING day) SELECT array_agg(DISTINCT day) INTO days FROM d;
        IF days IS NULL THEN RETURN 0; END IF;
        -- Response minutes (default hours) of the answered leads created those days whose stored value is stale.
        PERFORM set_config('zs.report_refresh', 'on', true);
        UPDATE lead_report_fact f
           SET response_minutes = ${DEFAULT_RESPONSE_MINUTES_SQL('w.f', 'w.t')}, response_start = w.start, response_at = w.answered
          FROM (
            SELECT g.lead_id, COALESCE(g.assigned_at, g.created_at) AS start, g.first_response_at AS answered,
                   date_trunc('milliseconds', COALESCE(g.assigned_at, g.created_at)) AT TIME ZONE 'Asia/Shanghai' AS f,
                   date_trunc('milliseconds', g.first_response_at) AT TIME ZONE 'Asia/Shanghai' AS t
              FROM unnest(days) dd(day)
              JOIN lead_report_fact g ON g.created_at >= (dd.day::timestamp AT TIME ZONE 'Asia/Shanghai')
                                     AND g.created_at < ((dd.day + 1)::timestamp AT TIME ZONE 'Asia/Shanghai')
             WHERE g.first_response_at IS NOT NULL
               AND (g.response_at IS DISTINCT FROM g.first_response_at OR g.response_start IS DISTINCT FROM COALESCE(g.assigned_at, g.created_at))
          ) w
         WHERE f.lead_id = w.lead_id;
        PERFORM set_config('zs.report_refresh', 'off', true);
        DELETE FROM report_daily WHERE day = ANY(days);
        DELETE FROM report_lost_daily WHERE day = ANY(days);
        INSERT INTO report_daily (day, kind, key, leads, r0, r1, r2, r3, r4, r5, r6, standing, inv, tax, signed, lost)
        SELECT x.day, k.kind, k.key, sum(x.leads), sum((x.furthest >= 0)::int * x.leads), sum((x.furthest >= 1)::int * x.leads),
               sum((x.furthest >= 2)::int * x.leads), sum((x.furthest >= 3)::int * x.leads), sum((x.furthest >= 4)::int * x.leads),
               sum((x.furthest >= 5)::int * x.leads), sum((x.furthest >= 6)::int * x.leads),
               sum(x.standing), COALESCE(sum(x.inv), 0), COALESCE(sum(x.tax), 0), sum(x.signed), sum(x.lost)
          FROM (
            -- leads created that day
            SELECT dd.day, f.channel, f.owner_id, f.source_article_id, f.signed_park_id, f.industry_code, 1 AS leads,
                   GREATEST(array_position(${STAGES}, f.stage) - 1, f.furthest_rank, 0) AS furthest,
                   (f.stage IN ('signed','landed'))::int AS standing,
                   CASE WHEN f.stage IN ('signed','landed') THEN f.signed_investment_wan END AS inv,
                   CASE WHEN f.stage IN ('signed','landed') THEN f.signed_annual_tax_wan END AS tax, 0 AS signed, 0 AS lost
              FROM unnest(days) dd(day)
              JOIN lead_report_fact f ON f.created_at >= (dd.day::timestamp AT TIME ZONE 'Asia/Shanghai')
                                     AND f.created_at < ((dd.day + 1)::timestamp AT TIME ZONE 'Asia/Shanghai')
             WHERE NOT f.spam
            UNION ALL
            -- deals that stand, signed that day
            SELECT dd.day, f.channel, f.owner_id, f.source_article_id, f.signed_park_id, f.industry_code, 0, -1, 0, NULL, NULL, 1, 0
              FROM unnest(days) dd(day)
              JOIN lead_report_fact f ON f.signed_at >= (dd.day::timestamp AT TIME ZONE 'Asia/Shanghai')
                                     AND f.signed_at < ((dd.day + 1)::timestamp AT TIME ZONE 'Asia/Shanghai')
             WHERE NOT f.spam AND f.stage IN ('signed','landed')
            UNION ALL
            -- leads lost now, last lost that day
            SELECT dd.day, f.channel, f.owner_id, f.source_article_id, f.signed_park_id, f.industry_code, 0, -1, 0, NULL, NULL, 0, 1
              FROM unnest(days) dd(day)
              JOIN lead_report_fact f ON f.lost_at >= (dd.day::timestamp AT TIME ZONE 'Asia/Shanghai')
                                     AND f.lost_at < ((dd.day + 1)::timestamp AT TIME ZONE 'Asia/Shanghai')
             WHERE NOT f.spam AND f.stage = 'lost'
          ) x
          CROSS JOIN LATERAL (VALUES ('channel', x.channel), ('consultant', x.owner_id::text), ('article', x.source_article_id::text),
                                     ('park', x.signed_park_id::text), ('industry', x.industry_code)) k(kind, key)
         GROUP BY 1, 2, 3;
        INSERT INTO report_lost_daily (day, reason, from_stage, n)
        SELECT dd.day, f.lost_reason, f.lost_from, count(*)
          FROM unnest(days) dd(day)
          JOIN lead_report_fact f ON f.lost_at >= (dd.day::timestamp AT TIME ZONE 'Asia/Shanghai')
                                 AND f.lost_at < ((dd.day + 1)::timestamp AT TIME ZONE 'Asia/Shanghai')
         WHERE NOT f.spam AND f.stage = 'lost'
         GROUP BY 1, 2, 3;
        RETURN cardinality(days);
      END $$`);
    // Backfill: every day with facts is dirty; the first refresh builds the rollups.
    await queryRunner.query(`INSERT INTO report_dirty_day (day)
      SELECT DISTINCT d FROM lead_report_fact r
       CROSS JOIN LATERAL unnest(ARRAY[${LOCAL_DAY('r.created_at')}, ${LOCAL_DAY('r.signed_at')}, ${LOCAL_DAY('r.lost_at')}]) d WHERE d IS NOT NULL`);
    await queryRunner.query(`SELECT zs_report_refresh()`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    for (const t of ['report_holidays_insert', 'report_holidays_update_new', 'report_holidays_update_old', 'report_holidays_delete']) {
      await queryRunner.query(`DROP TRIGGER IF EXISTS ${t} ON holiday_calendar`);
    }
    await queryRunner.query(`DROP FUNCTION IF EXISTS zs_report_holidays_new()`);
    await queryRunner.query(`DROP FUNCTION IF EXISTS zs_report_holidays_old()`);
    await queryRunner.query(`DROP TRIGGER IF EXISTS report_fact_dirty_delete ON lead_report_fact`);
    await queryRunner.query(`DROP TRIGGER IF EXISTS report_fact_dirty_update_old ON lead_report_fact`);
    await queryRunner.query(`DROP TRIGGER IF EXISTS report_fact_dirty_update_new ON lead_report_fact`);
    await queryRunner.query(`DROP TRIGGER IF EXISTS report_fact_dirty_insert ON lead_report_fact`);
    await queryRunner.query(`DROP FUNCTION IF EXISTS zs_report_refresh()`);
    await queryRunner.query(`DROP FUNCTION IF EXISTS zs_report_mark_old()`);
    await queryRunner.query(`DROP FUNCTION IF EXISTS zs_report_mark_new()`);
    await queryRunner.query(`DROP TABLE report_lost_daily`);
    await queryRunner.query(`DROP TABLE report_daily`);
    await queryRunner.query(`DROP TABLE report_dirty_day`);
    await queryRunner.query(`ALTER TABLE "lead_report_fact" DROP COLUMN "response_at"`);
    await queryRunner.query(`ALTER TABLE "lead_report_fact" DROP COLUMN "response_start"`);
    await queryRunner.query(`ALTER TABLE "lead_report_fact" DROP COLUMN "response_minutes"`);
    await queryRunner.query(`CREATE INDEX "lead_owner_id_idx" ON "lead" ("owner_id") `);
    await queryRunner.query(`DROP INDEX "public"."lead_owner_id_created_at_id_idx"`);
  }
}
