import type { MigrationInterface, QueryRunner } from 'typeorm';

export class Pipeline1795622055594 implements MigrationInterface {
  name = 'Pipeline1795622055594';

  public async up(queryRunner: QueryRunner): Promise<void> {
    // Lead search: Chinese substrings of company/contact, indexed with pg_trgm over the hex spelling of
    // the lower-cased UTF-8 text (with a C ctype locale pg_trgm ignores CJK characters; hex always works).
    // Matches are re-checked against the text itself. Expression indexes are invisible to TypeORM's diff.
    await queryRunner.query(`CREATE EXTENSION IF NOT EXISTS pg_trgm`);
    await queryRunner.query(
      `CREATE OR REPLACE FUNCTION zs_search_hex(t text) RETURNS text LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$ SELECT encode(convert_to(lower(t), 'UTF8'), 'hex') $$`,
    );
    await queryRunner.query(`CREATE INDEX "lead_search_trgm_idx" ON "lead" USING gin (zs_search_hex(company || ' ' || contact_name) gin_trgm_ops)`);
    // Phone last-four search; an expression (lower()) so the index stays outside TypeORM's diff of the lead entity.
    await queryRunner.query(`CREATE INDEX "lead_phone_last4_idx" ON "lead" (lower(phone_last4))`);
    await queryRunner.query(`CREATE TABLE "lead_stage_change" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "lead_id" uuid NOT NULL, "from_stage" text NOT NULL, "to_stage" text NOT NULL, "reason" text, "lost_reason" text, "lost_note" text, "actor_id" uuid, "at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "lead_stage_change_pkey" PRIMARY KEY ("id"))`);
    await queryRunner.query(`CREATE INDEX "lead_stage_change_to_stage_at_idx" ON "lead_stage_change"  ("to_stage", "at") `);
    await queryRunner.query(`CREATE INDEX "lead_stage_change_lead_id_at_idx" ON "lead_stage_change"  ("lead_id", "at") `);
    await queryRunner.query(`CREATE TABLE "lead_activity" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "lead_id" uuid NOT NULL, "type" text NOT NULL, "body" text NOT NULL, "at" TIMESTAMP WITH TIME ZONE NOT NULL, "listing_ids" jsonb NOT NULL DEFAULT '[]', "author_id" uuid, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "lead_activity_pkey" PRIMARY KEY ("id"))`);
    await queryRunner.query(`CREATE INDEX "lead_activity_lead_id_at_idx" ON "lead_activity"  ("lead_id", "at") `);
    await queryRunner.query(`CREATE TABLE "lead_task" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "lead_id" uuid NOT NULL, "title" text NOT NULL, "due_at" TIMESTAMP WITH TIME ZONE NOT NULL, "assignee_id" uuid NOT NULL, "status" text NOT NULL DEFAULT 'open', "done_at" TIMESTAMP WITH TIME ZONE, "reminded_at" TIMESTAMP WITH TIME ZONE, "created_by_id" uuid, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "lead_task_pkey" PRIMARY KEY ("id"))`);
    await queryRunner.query(`CREATE INDEX "lead_task_lead_id_idx" ON "lead_task"  ("lead_id") `);
    await queryRunner.query(`CREATE INDEX "lead_task_assignee_id_status_due_at_idx" ON "lead_task"  ("assignee_id", "status", "due_at") `);
    await queryRunner.query(`CREATE TABLE "audit_log" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "actor_id" uuid, "action" text NOT NULL, "entity" text NOT NULL, "entity_id" uuid, "at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "details" jsonb NOT NULL DEFAULT '{}', CONSTRAINT "audit_log_pkey" PRIMARY KEY ("id"))`);
    await queryRunner.query(`CREATE INDEX "audit_log_entity_entity_id_at_idx" ON "audit_log"  ("entity", "entity_id", "at") `);
    await queryRunner.query(`ALTER TABLE "lead_stage_change" ADD CONSTRAINT "lead_stage_change_lead_id_fkey" FOREIGN KEY ("lead_id") REFERENCES "lead"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "lead_activity" ADD CONSTRAINT "lead_activity_lead_id_fkey" FOREIGN KEY ("lead_id") REFERENCES "lead"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "lead_task" ADD CONSTRAINT "lead_task_lead_id_fkey" FOREIGN KEY ("lead_id") REFERENCES "lead"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "lead_task" ADD CONSTRAINT "lead_task_assignee_id_fkey" FOREIGN KEY ("assignee_id") REFERENCES "app_user"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "lead_task" DROP CONSTRAINT "lead_task_assignee_id_fkey"`);
    await queryRunner.query(`ALTER TABLE "lead_task" DROP CONSTRAINT "lead_task_lead_id_fkey"`);
    await queryRunner.query(`ALTER TABLE "lead_activity" DROP CONSTRAINT "lead_activity_lead_id_fkey"`);
    await queryRunner.query(`ALTER TABLE "lead_stage_change" DROP CONSTRAINT "lead_stage_change_lead_id_fkey"`);
    await queryRunner.query(`DROP INDEX "public"."audit_log_entity_entity_id_at_idx"`);
    await queryRunner.query(`DROP TABLE "audit_log"`);
    await queryRunner.query(`DROP INDEX "public"."lead_task_assignee_id_status_due_at_idx"`);
    await queryRunner.query(`DROP INDEX "public"."lead_task_lead_id_idx"`);
    await queryRunner.query(`DROP TABLE "lead_task"`);
    await queryRunner.query(`DROP INDEX "public"."lead_activity_lead_id_at_idx"`);
    await queryRunner.query(`DROP TABLE "lead_activity"`);
    await queryRunner.query(`DROP INDEX "public"."lead_stage_change_lead_id_at_idx"`);
    await queryRunner.query(`DROP INDEX "public"."lead_stage_change_to_stage_at_idx"`);
    await queryRunner.query(`DROP TABLE "lead_stage_change"`);
    await queryRunner.query(`DROP INDEX "public"."lead_phone_last4_idx"`);
    await queryRunner.query(`DROP INDEX "public"."lead_search_trgm_idx"`);
    await queryRunner.query(`DROP FUNCTION IF EXISTS zs_search_hex(text)`);
  }
}
