import type { MigrationInterface, QueryRunner } from 'typeorm';

export class PipelineProgress1795623550716 implements MigrationInterface {
  name = 'PipelineProgress1795623550716';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`CREATE TABLE "lead_progress" ("lead_id" uuid NOT NULL, "furthest_rank" smallint NOT NULL, CONSTRAINT "lead_progress_pkey" PRIMARY KEY ("lead_id"))`);
    await queryRunner.query(`ALTER TABLE "lead_progress" ADD CONSTRAINT "lead_progress_lead_id_fkey" FOREIGN KEY ("lead_id") REFERENCES "lead"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
    // Kept by the database for every writer of lead_stage_change (the pipeline, imports, generators):
    // one upsert per statement from its transition table; GREATEST keeps it monotonic under concurrency.
    await queryRunner.query(`CREATE OR REPLACE FUNCTION zs_lead_progress_after_insert() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        INSERT INTO lead_progress (lead_id, furthest_rank)
        SELECT n.lead_id, max(GREATEST(array_position(ARRAY['new','contacted','qualified','site_visit','negotiating','signed','landed']::text[], n.to_stage), array_position(ARRAY['new','contacted','qualified','site_visit','negotiating','signed','landed']::text[], n.from_stage))) - 1
          FROM new_rows n GROUP BY n.lead_id
        HAVING max(GREATEST(array_position(ARRAY['new','contacted','qualified','site_visit','negotiating','signed','landed']::text[], n.to_stage), array_position(ARRAY['new','contacted','qualified','site_visit','negotiating','signed','landed']::text[], n.from_stage))) - 1 IS NOT NULL
        ON CONFLICT (lead_id) DO UPDATE SET furthest_rank = GREATEST(lead_progress.furthest_rank, EXCLUDED.furthest_rank);
        RETURN NULL;
      END $$`);
    await queryRunner.query(
      `CREATE TRIGGER lead_stage_change_progress AFTER INSERT ON lead_stage_change REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION zs_lead_progress_after_insert()`,
    );
    await queryRunner.query(`INSERT INTO lead_progress (lead_id, furthest_rank)
      SELECT sc.lead_id, max(GREATEST(array_position(ARRAY['new','contacted','qualified','site_visit','negotiating','signed','landed']::text[], sc.to_stage), array_position(ARRAY['new','contacted','qualified','site_visit','negotiating','signed','landed']::text[], sc.from_stage))) - 1
        FROM lead_stage_change sc GROUP BY sc.lead_id
      HAVING max(GREATEST(array_position(ARRAY['new','contacted','qualified','site_visit','negotiating','signed','landed']::text[], sc.to_stage), array_position(ARRAY['new','contacted','qualified','site_visit','negotiating','signed','landed']::text[], sc.from_stage))) - 1 IS NOT NULL`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TRIGGER IF EXISTS lead_stage_change_progress ON lead_stage_change`);
    await queryRunner.query(`DROP FUNCTION IF EXISTS zs_lead_progress_after_insert()`);
    await queryRunner.query(`ALTER TABLE "lead_progress" DROP CONSTRAINT "lead_progress_lead_id_fkey"`);
    await queryRunner.query(`DROP TABLE "lead_progress"`);
  }
}
