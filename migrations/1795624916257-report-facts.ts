import type { MigrationInterface, QueryRunner } from 'typeorm';

export class ReportFacts1795624916257 implements MigrationInterface {
  name = 'ReportFacts1795624916257';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`CREATE TABLE "lead_report_fact" ("lead_id" uuid NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL, "spam" boolean NOT NULL, "channel" text NOT NULL, "source_article_id" uuid, "signed_park_id" uuid, "owner_id" uuid, "industry_code" text, "stage" text NOT NULL, "furthest_rank" smallint NOT NULL DEFAULT '0', "assigned_at" TIMESTAMP WITH TIME ZONE, "first_response_at" TIMESTAMP WITH TIME ZONE, "signed_at" TIMESTAMP WITH TIME ZONE, "signed_investment_wan" numeric, "signed_annual_tax_wan" numeric, "lost_reason" text, "lost_at" TIMESTAMP WITH TIME ZONE, "lost_from" text, CONSTRAINT "lead_report_fact_pkey" PRIMARY KEY ("lead_id"))`);
    await queryRunner.query(`CREATE INDEX "lead_report_fact_lost_at_idx" ON "lead_report_fact"  ("lost_at") `);
    await queryRunner.query(`CREATE INDEX "lead_report_fact_signed_at_idx" ON "lead_report_fact"  ("signed_at") `);
    await queryRunner.query(`CREATE INDEX "lead_report_fact_created_at_idx" ON "lead_report_fact"  ("created_at") `);
    await queryRunner.query(`ALTER TABLE "lead_report_fact" ADD CONSTRAINT "lead_report_fact_lead_id_fkey" FOREIGN KEY ("lead_id") REFERENCES "lead"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
    // Kept by the database for every writer: a lead insert or update upserts its row (one statement
    // per statement, from the transition table); a stage-change insert raises the furthest stage and
    // records the last loss. GREATEST keeps the furthest stage monotonic.
    await queryRunner.query(`CREATE OR REPLACE FUNCTION zs_report_fact_from_lead() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        INSERT INTO lead_report_fact (lead_id, created_at, spam, channel, source_article_id, signed_park_id, owner_id, industry_code, stage,
                                      furthest_rank, assigned_at, first_response_at, signed_at, signed_investment_wan, signed_annual_tax_wan, lost_reason)
        SELECT n.id, n.created_at, n.spam, n.channel, n.source_article_id, n.signed_park_id, n.owner_id, n.industry_code, n.stage,
               COALESCE(array_position(ARRAY['new','contacted','qualified','site_visit','negotiating','signed','landed']::text[], n.stage) - 1, 0), n.assigned_at, n.first_response_at, n.signed_at,
               n.signed_investment_wan, n.signed_annual_tax_wan, n.lost_reason
          FROM new_rows n
        ON CONFLICT (lead_id) DO UPDATE SET
          created_at = EXCLUDED.created_at, spam = EXCLUDED.spam, channel = EXCLUDED.channel, source_article_id = EXCLUDED.source_article_id,
          signed_park_id = EXCLUDED.signed_park_id, owner_id = EXCLUDED.owner_id, industry_code = EXCLUDED.industry_code, stage = EXCLUDED.stage,
          furthest_rank = GREATEST(lead_report_fact.furthest_rank, EXCLUDED.furthest_rank), assigned_at = EXCLUDED.assigned_at,
          first_response_at = EXCLUDED.first_response_at, signed_at = EXCLUDED.signed_at, signed_investment_wan = EXCLUDED.signed_investment_wan,
          signed_annual_tax_wan = EXCLUDED.signed_annual_tax_wan, lost_reason = EXCLUDED.lost_reason;
        RETURN NULL;
      END $$`);
    await queryRunner.query(
      `CREATE TRIGGER lead_report_fact_insert AFTER INSERT ON lead REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION zs_report_fact_from_lead()`,
    );
    await queryRunner.query(
      `CREATE TRIGGER lead_report_fact_update AFTER UPDATE ON lead REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION zs_report_fact_from_lead()`,
    );
    await queryRunner.query(`CREATE OR REPLACE FUNCTION zs_report_fact_from_stage_change() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        UPDATE lead_report_fact f SET
          furthest_rank = GREATEST(f.furthest_rank, COALESCE(x.best, 0)),
          lost_at = CASE WHEN x.lost_at IS NOT NULL AND (f.lost_at IS NULL OR x.lost_at >= f.lost_at) THEN x.lost_at ELSE f.lost_at END,
          lost_from = CASE WHEN x.lost_at IS NOT NULL AND (f.lost_at IS NULL OR x.lost_at >= f.lost_at) THEN x.lost_from ELSE f.lost_from END
          FROM (
            SELECT n.lead_id,
                   max(GREATEST(array_position(ARRAY['new','contacted','qualified','site_visit','negotiating','signed','landed']::text[], n.to_stage), array_position(ARRAY['new','contacted','qualified','site_visit','negotiating','signed','landed']::text[], n.from_stage))) - 1 AS best,
                   (array_agg(n.at ORDER BY n.at DESC, n.id DESC) FILTER (WHERE n.to_stage = 'lost'))[1] AS lost_at,
                   (array_agg(n.from_stage ORDER BY n.at DESC, n.id DESC) FILTER (WHERE n.to_stage = 'lost'))[1] AS lost_from
              FROM new_rows n GROUP BY n.lead_id
          ) x
         WHERE f.lead_id = x.lead_id;
        RETURN NULL;
      END $$`);
    await queryRunner.query(
      `CREATE TRIGGER lead_stage_change_report_fact AFTER INSERT ON lead_stage_change REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION zs_report_fact_from_stage_change()`,
    );
    // Backfill.
    await queryRunner.query(`INSERT INTO lead_report_fact (lead_id, created_at, spam, channel, source_article_id, signed_park_id, owner_id, industry_code, stage,
                                     furthest_rank, assigned_at, first_response_at, signed_at, signed_investment_wan, signed_annual_tax_wan, lost_reason, lost_at, lost_from)
      SELECT l.id, l.created_at, l.spam, l.channel, l.source_article_id, l.signed_park_id, l.owner_id, l.industry_code, l.stage,
             GREATEST(COALESCE(array_position(ARRAY['new','contacted','qualified','site_visit','negotiating','signed','landed']::text[], l.stage) - 1, 0), COALESCE(h.best, 0)), l.assigned_at, l.first_response_at, l.signed_at,
             l.signed_investment_wan, l.signed_annual_tax_wan, l.lost_reason, h.lost_at, h.lost_from
        FROM lead l
        LEFT JOIN (
          SELECT sc.lead_id,
                 max(GREATEST(array_position(ARRAY['new','contacted','qualified','site_visit','negotiating','signed','landed']::text[], sc.to_stage), array_position(ARRAY['new','contacted','qualified','site_visit','negotiating','signed','landed']::text[], sc.from_stage))) - 1 AS best,
                 (array_agg(sc.at ORDER BY sc.at DESC, sc.id DESC) FILTER (WHERE sc.to_stage = 'lost'))[1] AS lost_at,
                 (array_agg(sc.from_stage ORDER BY sc.at DESC, sc.id DESC) FILTER (WHERE sc.to_stage = 'lost'))[1] AS lost_from
            FROM lead_stage_change sc GROUP BY sc.lead_id
        ) h ON h.lead_id = l.id`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TRIGGER IF EXISTS lead_stage_change_report_fact ON lead_stage_change`);
    await queryRunner.query(`DROP TRIGGER IF EXISTS lead_report_fact_update ON lead`);
    await queryRunner.query(`DROP TRIGGER IF EXISTS lead_report_fact_insert ON lead`);
    await queryRunner.query(`DROP FUNCTION IF EXISTS zs_report_fact_from_stage_change()`);
    await queryRunner.query(`DROP FUNCTION IF EXISTS zs_report_fact_from_lead()`);
    await queryRunner.query(`ALTER TABLE "lead_report_fact" DROP CONSTRAINT "lead_report_fact_lead_id_fkey"`);
    await queryRunner.query(`DROP INDEX "public"."lead_report_fact_created_at_idx"`);
    await queryRunner.query(`DROP INDEX "public"."lead_report_fact_signed_at_idx"`);
    await queryRunner.query(`DROP INDEX "public"."lead_report_fact_lost_at_idx"`);
    await queryRunner.query(`DROP TABLE "lead_report_fact"`);
  }
}
