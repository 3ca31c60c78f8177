import type { MigrationInterface, QueryRunner } from 'typeorm';
import { REFRESH_AFTER as REFRESH_BEFORE } from './1795632599554-report-industry-names.js';

const DELETE_DAYS = 'DELETE FROM report_daily WHERE day = ANY(days);';
const INSERT_LOST = 'INSERT INTO report_lost_daily (day, reason, from_stage, n)';
/** zs_report_refresh() of 1795632599554-report-industry-names.ts, with the days' old rows taken out of their months and years and the new ones added. */
const REFRESH_AFTER = REFRESH_BEFORE.replace(DELETE_DAYS, `PERFORM zs_report_period_apply(days, -1);\n        ${DELETE_DAYS}`).replace(
  INSERT_LOST,
  `PERFORM zs_report_period_apply(days, 1);\n        ${INSERT_LOST}`,
);
const COUNTS = ['leads', 'r0', 'r1', 'r2', 'r3', 'r4', 'r5', 'r6', 'standing', 'inv', 'tax'];

/**
 * Month and year rollups of report_daily's creation counts for the conversion and funnel reports:
 * report_period (span month | year, start, kind, key) with leads created, reached each stage,
 * standing deals and their money. A three-year report by article read ≈ 260k day rows (1,000
 * articles); whole months and years cut that to ≈ 20k. zs_report_refresh() takes the old day rows of
 * the days it recomputes out of their months and years and adds the new ones (upserts on a unique key;
 * rows left with no leads are removed), so it still costs about one day of facts.
 */
export class ReportPeriodRollups1795632752525 implements MigrationInterface {
  name = 'ReportPeriodRollups1795632752525';

  public async up(queryRunner: QueryRunner): Promise<void> {
    if (REFRESH_AFTER.split('zs_report_period_apply').length !== 3) throw new Error('zs_report_refresh() is not the expected one');
    await queryRunner.query(`CREATE TABLE report_period (
      span text NOT NULL, start date NOT NULL, kind text NOT NULL, key text,
      leads int NOT NULL, r0 int NOT NULL, r1 int NOT NULL, r2 int NOT NULL, r3 int NOT NULL, r4 int NOT NULL, r5 int NOT NULL, r6 int NOT NULL,
      standing int NOT NULL, inv numeric NOT NULL, tax numeric NOT NULL)`);
    await queryRunner.query(`CREATE UNIQUE INDEX report_period_key ON report_period (kind, span, start, key) NULLS NOT DISTINCT`);
    await queryRunner.query(`CREATE INDEX report_period_empty_idx ON report_period (kind) WHERE leads = 0`);
    await queryRunner.query(`CREATE OR REPLACE FUNCTION zs_report_period_apply(days date[], sign int) RETURNS void LANGUAGE plpgsql AS $$
      BEGIN
        IF days IS NULL THEN RETURN; END IF;
        INSERT INTO report_period AS p (span, start, kind, key, ${COUNTS.join(', ')})
        SELECT s.span, date_trunc(s.span, d.day)::date, d.kind, d.key, ${COUNTS.map((c) => `sign * sum(d.${c})`).join(', ')}
          FROM report_daily d CROSS JOIN (VALUES ('month'), ('year')) s(span)
         WHERE d.day = ANY(days) AND d.leads > 0
         GROUP BY 1, 2, 3, 4
        ON CONFLICT (kind, span, start, key) DO UPDATE SET ${COUNTS.map((c) => `${c} = p.${c} + EXCLUDED.${c}`).join(', ')};
        IF sign < 0 THEN RETURN; END IF;
        DELETE FROM report_period WHERE leads = 0;
      END $$`);
    await queryRunner.query(REFRESH_AFTER);
    // Backfill from the day rows.
    await queryRunner.query(`SELECT zs_report_period_apply((SELECT array_agg(DISTINCT day) FROM report_daily), 1)`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(REFRESH_BEFORE);
    await queryRunner.query(`DROP FUNCTION IF EXISTS zs_report_period_apply(date[], int)`);
    await queryRunner.query(`DROP TABLE report_period`);
  }
}
