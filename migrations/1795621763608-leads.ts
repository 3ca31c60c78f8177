import type { MigrationInterface, QueryRunner } from 'typeorm';

export class Leads1795621763608 implements MigrationInterface {
  name = 'Leads1795621763608';

  public async up(queryRunner: QueryRunner): Promise<void> {
    // Human lead references ZS-<year>-<n>: a sequence, so concurrent intakes never collide.
    await queryRunner.query(`CREATE SEQUENCE IF NOT EXISTS "lead_reference_seq" START 1`);
    await queryRunner.query(`CREATE TABLE "lead" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "reference" text NOT NULL, "stage" text NOT NULL DEFAULT 'new', "owner_id" uuid, "assigned_at" TIMESTAMP WITH TIME ZONE, "pooled_at" TIMESTAMP WITH TIME ZONE, "spam" boolean NOT NULL DEFAULT false, "channel" text NOT NULL DEFAULT 'web', "source_article_id" uuid, "company" text NOT NULL, "contact_name" text NOT NULL, "phone_enc" text NOT NULL, "phone_hash" text NOT NULL, "phone_masked" text NOT NULL, "phone_last4" text NOT NULL, "email" text, "wechat" text, "need" text NOT NULL DEFAULT '', "usage" text NOT NULL DEFAULT '', "tax_text" text NOT NULL DEFAULT '', "message" text, "parsed" jsonb NOT NULL DEFAULT '{}', "property_type" text, "deal_type" text, "area_sqm_min" numeric, "area_sqm_max" numeric, "area_unit" text, "industry_code" text, "industry_name" text, "strategic_industry" text, "annual_tax_wan" numeric, "investment_wan" numeric, "tax_per_mu_wan" numeric, "region" text, "requirements" jsonb NOT NULL DEFAULT '{}', "first_response_at" TIMESTAMP WITH TIME ZONE, "last_activity_at" TIMESTAMP WITH TIME ZONE, "lost_reason" text, "lost_note" text, "signed_investment_wan" numeric, "signed_annual_tax_wan" numeric, "signed_park_id" uuid, "signed_listing_id" uuid, "signed_at" TIMESTAMP WITH TIME ZONE, "previous_lead_id" uuid, "demo" boolean NOT NULL DEFAULT false, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "lead_pkey" PRIMARY KEY ("id"))`);
    await queryRunner.query(`CREATE UNIQUE INDEX "lead_reference_idx" ON "lead"  ("reference") `);
    await queryRunner.query(`CREATE INDEX "lead_owner_id_idx" ON "lead"  ("owner_id") `);
    await queryRunner.query(`CREATE INDEX "lead_phone_hash_idx" ON "lead"  ("phone_hash") `);
    await queryRunner.query(`CREATE INDEX "lead_created_at_idx" ON "lead"  ("created_at") `);
    await queryRunner.query(`CREATE TABLE "lead_event" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "lead_id" uuid NOT NULL, "type" text NOT NULL, "actor_id" uuid, "at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "data" jsonb NOT NULL DEFAULT '{}', CONSTRAINT "lead_event_pkey" PRIMARY KEY ("id"))`);
    await queryRunner.query(`CREATE INDEX "lead_event_lead_id_at_idx" ON "lead_event"  ("lead_id", "at") `);
    await queryRunner.query(`CREATE TABLE "consent_record" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "lead_id" uuid NOT NULL, "notice_version" text NOT NULL, "purposes" text array NOT NULL DEFAULT '{}', "share_consent" boolean NOT NULL DEFAULT false, "channel" text NOT NULL, "ip" text, "user_agent" text, "granted_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "withdrawn_at" TIMESTAMP WITH TIME ZONE, CONSTRAINT "consent_record_pkey" PRIMARY KEY ("id"))`);
    await queryRunner.query(`CREATE INDEX "consent_record_lead_id_idx" ON "consent_record"  ("lead_id") `);
    await queryRunner.query(`CREATE TABLE "intake_idempotency" ("key" text NOT NULL, "status" integer NOT NULL, "response" jsonb NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "intake_idempotency_pkey" PRIMARY KEY ("key"))`);
    await queryRunner.query(`ALTER TABLE "lead" ADD CONSTRAINT "lead_owner_id_fkey" FOREIGN KEY ("owner_id") REFERENCES "app_user"("id") ON DELETE SET NULL ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "lead_event" ADD CONSTRAINT "lead_event_lead_id_fkey" FOREIGN KEY ("lead_id") REFERENCES "lead"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "consent_record" ADD CONSTRAINT "consent_record_lead_id_fkey" FOREIGN KEY ("lead_id") REFERENCES "lead"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "consent_record" DROP CONSTRAINT "consent_record_lead_id_fkey"`);
    await queryRunner.query(`ALTER TABLE "lead_event" DROP CONSTRAINT "lead_event_lead_id_fkey"`);
    await queryRunner.query(`ALTER TABLE "lead" DROP CONSTRAINT "lead_owner_id_fkey"`);
    await queryRunner.query(`DROP TABLE "intake_idempotency"`);
    await queryRunner.query(`DROP INDEX "public"."consent_record_lead_id_idx"`);
    await queryRunner.query(`DROP TABLE "consent_record"`);
    await queryRunner.query(`DROP INDEX "public"."lead_event_lead_id_at_idx"`);
    await queryRunner.query(`DROP TABLE "lead_event"`);
    await queryRunner.query(`DROP INDEX "public"."lead_created_at_idx"`);
    await queryRunner.query(`DROP INDEX "public"."lead_phone_hash_idx"`);
    await queryRunner.query(`DROP INDEX "public"."lead_owner_id_idx"`);
    await queryRunner.query(`DROP INDEX "public"."lead_reference_idx"`);
    await queryRunner.query(`DROP TABLE "lead"`);
    await queryRunner.query(`DROP SEQUENCE IF EXISTS "lead_reference_seq"`);
  }
}
