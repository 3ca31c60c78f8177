import type { MigrationInterface, QueryRunner } from 'typeorm';

const STAGES = `ARRAY['new','contacted','qualified','site_visit','negotiating','signed','landed']::text[]`;
const KINDS = `ARRAY['channel','consultant','article','park','industry']::text[]`;

/** As in 1795625766442-report-rollups.ts: working minutes on routing's default hours (09:00–18:00 Mon–Fri Asia/Shanghai + holiday_calendar). */
const DEFAULT_RESPONSE_MINUTES_SQL = (f: string, t: string) => `floor(COALESCE((
  SELECT sum(GREATEST(0, extract(epoch FROM LEAST(d.day + time '18:00', ${t}) - GREATEST(d.day + time '09:00', ${f}))))
    FROM generate_series(date_trunc('day', ${f}), ${t}, interval '1 day') AS d(day)
    LEFT JOIN holiday_calendar h ON h.date = d.day::date
   WHERE CASE h.kind WHEN 'holiday' THEN false WHEN 'workday' THEN true ELSE extract(isodow FROM d.day)::int = ANY(ARRAY[1,2,3,4,5]) END
), 0) / 60)::int`;

/** zs_report_refresh() as 1795625766442-report-rollups.ts created it (restored by down). */
const REFRESH_BEFORE = `CREATE OR REPLACE FUNCTION zs_report_refresh() RETURNS int LANGUAGE plpgsql AS $$
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
      END $$`;

/** The same, and then the response-time histograms of the days it recomputed. */
export const REFRESH_AFTER = `CREATE OR REPLACE FUNCTION zs_report_refresh() RETURNS int LANGUAGE plpgsql AS $$
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
        PERFORM zs_report_refresh_responses(days);
        RETURN cardinality(days);
      END $$`;

/**
 * Response-time histograms for the response-times report: report_response holds, per period (a
 * China-time day of creation, its month, its year) × grouping (kind, key) × exact working minutes to
 * the first response on the default hours (m; NULL = not answered), how many non-spam leads — so the
 * median, p90 and SLA counts of any run of whole days come exactly from a few thousand counts instead
 * of every lead. zs_report_refresh() rebuilds the days it recomputes from the facts and adds each
 * day's change to its month and year (upserts on a unique key; rows counted down to 0 are removed), so
 * a refresh after a few new leads costs about one day of facts, whatever the history.
 */
export class ReportResponseRollup1795631909372 implements MigrationInterface {
  name = 'ReportResponseRollup1795631909372';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`CREATE INDEX "lead_report_fact_owner_id_created_at_idx" ON "lead_report_fact" ("owner_id", "created_at") `);
    await queryRunner.query(`CREATE TABLE report_response (span text NOT NULL, start date NOT NULL, kind text NOT NULL, key text, m int, n int NOT NULL)`);
    await queryRunner.query(`CREATE INDEX report_response_kind_span_start_idx ON report_response (kind, span, start)`);
    // Months and years are kept by adding the change of their days (one row per value: upserts), not rebuilt.
    await queryRunner.query(
      `CREATE UNIQUE INDEX report_response_period_key ON report_response (kind, span, start, key, m) NULLS NOT DISTINCT WHERE span <> 'day'`,
    );
    await queryRunner.query(`CREATE INDEX report_response_zero_idx ON report_response (kind) WHERE n = 0`);
    await queryRunner.query(`CREATE OR REPLACE FUNCTION zs_report_refresh_responses(days date[]) RETURNS void LANGUAGE plpgsql AS $$
      BEGIN
        IF days IS NULL THEN RETURN; END IF;
        -- The days: recomputed from the facts (fresh) in place of their rows (gone); their months and
        -- years get the difference (fresh − gone) added, so a refresh touches only the values that changed.
        WITH fresh AS (
          SELECT x.day AS start, k.kind, k.key, x.m, count(*)::int AS n
            FROM (
              SELECT dd.day, f.channel, f.owner_id, f.source_article_id, f.signed_park_id, f.industry_code,
                     CASE WHEN f.first_response_at IS NULL THEN NULL
                          WHEN f.response_at = f.first_response_at AND f.response_start = COALESCE(f.assigned_at, f.created_at) THEN f.response_minutes
                          ELSE ${DEFAULT_RESPONSE_MINUTES_SQL(
                            `(date_trunc('milliseconds', COALESCE(f.assigned_at, f.created_at)) AT TIME ZONE 'Asia/Shanghai')`,
                            `(date_trunc('milliseconds', f.first_response_at) AT TIME ZONE 'Asia/Shanghai')`,
                          )} END AS m
                FROM unnest(days) dd(day)
                JOIN lead_report_fact f ON f.created_at >= (dd.day::timestamp AT TIME ZONE 'Asia/Shanghai')
                                       AND f.created_at < ((dd.day + 1)::timestamp AT TIME ZONE 'Asia/Shanghai')
               WHERE NOT f.spam
            ) x
            CROSS JOIN LATERAL (VALUES ('channel', x.channel), ('consultant', x.owner_id::text), ('article', x.source_article_id::text),
                                       ('park', x.signed_park_id::text), ('industry', x.industry_code)) k(kind, key)
           GROUP BY 1, 2, 3, 4
        ), gone AS (
          DELETE FROM report_response WHERE kind = ANY(${KINDS}) AND span = 'day' AND start = ANY(days) RETURNING start, kind, key, m, n
        ), put AS (
          INSERT INTO report_response (span, start, kind, key, m, n) SELECT 'day', start, kind, key, m, n FROM fresh
        ), delta AS (
          SELECT start, kind, key, m, sum(n)::int AS n
            FROM (SELECT start, kind, key, m, n FROM fresh UNION ALL SELECT start, kind, key, m, -n FROM gone) d
           GROUP BY 1, 2, 3, 4 HAVING sum(n) <> 0
        )
        INSERT INTO report_response AS r (span, start, kind, key, m, n)
        SELECT p.span, date_trunc(p.span, d.start)::date, d.kind, d.key, d.m, sum(d.n)::int
          FROM delta d CROSS JOIN (VALUES ('month'), ('year')) p(span)
         GROUP BY 1, 2, 3, 4, 5
        ON CONFLICT (kind, span, start, key, m) WHERE span <> 'day' DO UPDATE SET n = r.n + EXCLUDED.n;
        DELETE FROM report_response WHERE n = 0;
      END $$`);
    await queryRunner.query(REFRESH_AFTER);
    // Backfill: the histograms of every day with leads (the stored minutes are used where still valid, computed otherwise).
    await queryRunner.query(`SELECT zs_report_refresh_responses((SELECT array_agg(DISTINCT (created_at AT TIME ZONE 'Asia/Shanghai')::date) FROM lead_report_fact))`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(REFRESH_BEFORE);
    await queryRunner.query(`DROP FUNCTION IF EXISTS zs_report_refresh_responses(date[])`);
    await queryRunner.query(`DROP TABLE report_response`);
    await queryRunner.query(`DROP INDEX "public"."lead_report_fact_owner_id_created_at_idx"`);
  }
}
