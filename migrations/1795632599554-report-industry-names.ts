import type { MigrationInterface, QueryRunner } from 'typeorm';
import { REFRESH_AFTER as REFRESH_BEFORE } from './1795631909372-report-response-rollup.js';

const RESPONSES = 'PERFORM zs_report_refresh_responses(days);';
/** zs_report_refresh() of 1795631909372-report-response-rollup.ts, then the industry names of the days it recomputed. */
export const REFRESH_AFTER = REFRESH_BEFORE.replace(RESPONSES, `${RESPONSES}\n        PERFORM zs_report_refresh_names(days);`);

/**
 * Industry labels of the reports without scanning the leads: the conversion report by industry labels a
 * code with the name on the newest lead that has one (DISTINCT ON over every lead with the code — a
 * sequential scan of `lead`, ≈ 240 ms at 1M leads). report_industry_name keeps, per China-time day of
 * creation and code, the name on that day's newest lead with a name; zs_report_refresh() rebuilds it for
 * the days it recomputes (any lead update touches its fact, which marks its day), so the newest name is
 * the one of the latest day.
 */
export class ReportIndustryNames1795632599554 implements MigrationInterface {
  name = 'ReportIndustryNames1795632599554';

  public async up(queryRunner: QueryRunner): Promise<void> {
    if (!REFRESH_AFTER.includes('zs_report_refresh_names')) throw new Error('zs_report_refresh() has no call to the responses refresh');
    await queryRunner.query(`CREATE TABLE report_industry_name (day date NOT NULL, code text NOT NULL, name text NOT NULL, at timestamptz NOT NULL)`);
    await queryRunner.query(`CREATE INDEX report_industry_name_code_day_idx ON report_industry_name (code, day)`);
    await queryRunner.query(`CREATE OR REPLACE FUNCTION zs_report_refresh_names(days date[]) RETURNS void LANGUAGE plpgsql AS $$
      BEGIN
        IF days IS NULL THEN RETURN; END IF;
        DELETE FROM report_industry_name WHERE day = ANY(days);
        INSERT INTO report_industry_name (day, code, name, at)
        SELECT DISTINCT ON (dd.day, l.industry_code) dd.day, l.industry_code, l.industry_name, l.created_at
          FROM unnest(days) dd(day)
          JOIN lead_report_fact f ON f.created_at >= (dd.day::timestamp AT TIME ZONE 'Asia/Shanghai')
                                 AND f.created_at < ((dd.day + 1)::timestamp AT TIME ZONE 'Asia/Shanghai')
         -- one primary-key lookup per fact with a code (OFFSET 0 keeps it a lookup: with few names in the
         -- statistics the planner would otherwise scan every lead)
         CROSS JOIN LATERAL (SELECT l.industry_code, l.industry_name, l.created_at FROM lead l WHERE l.id = f.lead_id OFFSET 0) l
         WHERE f.industry_code IS NOT NULL AND l.industry_code IS NOT NULL AND l.industry_name IS NOT NULL
         ORDER BY dd.day, l.industry_code, l.created_at DESC;
      END $$`);
    await queryRunner.query(REFRESH_AFTER);
    // Backfill: every day with leads.
    await queryRunner.query(`SELECT zs_report_refresh_names((SELECT array_agg(DISTINCT (created_at AT TIME ZONE 'Asia/Shanghai')::date) FROM lead_report_fact))`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(REFRESH_BEFORE);
    await queryRunner.query(`DROP FUNCTION IF EXISTS zs_report_refresh_names(date[])`);
    await queryRunner.query(`DROP TABLE report_industry_name`);
  }
}
