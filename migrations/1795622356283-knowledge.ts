import type { MigrationInterface, QueryRunner } from 'typeorm';

export class Knowledge1795622356283 implements MigrationInterface {
  name = 'Knowledge1795622356283';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`CREATE TABLE "park_industry" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "park_id" uuid NOT NULL, "name" text NOT NULL, "code" text NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "park_industry_pkey" PRIMARY KEY ("id"))`);
    await queryRunner.query(`CREATE INDEX "park_industry_code_idx" ON "park_industry"  ("code") `);
    await queryRunner.query(`CREATE UNIQUE INDEX "park_industry_park_id_name_idx" ON "park_industry"  ("park_id", "name") `);
    await queryRunner.query(`CREATE TABLE "park" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "name" text NOT NULL, "name_key" text NOT NULL, "aliases" text array NOT NULL DEFAULT '{}', "level" text, "focus_industries" text array NOT NULL DEFAULT '{}', "focus_industry_codes" text array NOT NULL DEFAULT '{}', "region" text, "address" text, "min_tax_per_mu_wan" numeric, "min_invest_intensity_wan_per_mu" numeric, "demo" boolean NOT NULL DEFAULT false, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "park_pkey" PRIMARY KEY ("id"))`);
    await queryRunner.query(`CREATE UNIQUE INDEX "park_name_idx" ON "park"  ("name") `);
    await queryRunner.query(`CREATE UNIQUE INDEX "park_name_key_idx" ON "park"  ("name_key") `);
    await queryRunner.query(`CREATE TABLE "article" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "title" text NOT NULL, "body" text NOT NULL, "html" text, "source_url" text, "published_at" TIMESTAMP WITH TIME ZONE, "content_hash" text NOT NULL, "demo" boolean NOT NULL DEFAULT false, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "article_pkey" PRIMARY KEY ("id"))`);
    await queryRunner.query(`CREATE UNIQUE INDEX "article_source_url_idx" ON "article"  ("source_url") `);
    await queryRunner.query(`CREATE INDEX "article_content_hash_idx" ON "article"  ("content_hash") `);
    await queryRunner.query(`CREATE TABLE "policy" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "park_id" uuid, "article_id" uuid, "kind" text NOT NULL, "title" text NOT NULL, "quote" text NOT NULL, "amount_wan" numeric, "percent" numeric, "multiplier" numeric, "months" integer array NOT NULL DEFAULT '{}', "free_months" integer, "cap_wan" numeric, "duration_years" numeric, "conditions" jsonb, "legacy_risk" boolean NOT NULL DEFAULT false, "status" text NOT NULL DEFAULT 'extracted', "position" integer NOT NULL DEFAULT '0', "reviewed_by_id" uuid, "reviewed_at" TIMESTAMP WITH TIME ZONE, "demo" boolean NOT NULL DEFAULT false, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "policy_pkey" PRIMARY KEY ("id"))`);
    await queryRunner.query(`CREATE INDEX "policy_article_id_idx" ON "policy"  ("article_id") `);
    await queryRunner.query(`CREATE INDEX "policy_park_id_status_idx" ON "policy"  ("park_id", "status") `);
    await queryRunner.query(`CREATE TABLE "statistic" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "article_id" uuid NOT NULL, "park_id" uuid, "label" text NOT NULL, "value" numeric NOT NULL, "unit" text NOT NULL, "quote" text NOT NULL, "position" integer NOT NULL DEFAULT '0', "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "statistic_pkey" PRIMARY KEY ("id"))`);
    await queryRunner.query(`CREATE INDEX "statistic_article_id_idx" ON "statistic"  ("article_id") `);
    await queryRunner.query(`CREATE INDEX "statistic_park_id_idx" ON "statistic"  ("park_id") `);
    await queryRunner.query(`CREATE TABLE "article_park" ("article_id" uuid NOT NULL, "park_id" uuid NOT NULL, CONSTRAINT "article_park_pkey" PRIMARY KEY ("article_id", "park_id"))`);
    await queryRunner.query(`CREATE INDEX "article_park_article_id_idx" ON "article_park"  ("article_id") `);
    await queryRunner.query(`CREATE INDEX "article_park_park_id_idx" ON "article_park"  ("park_id") `);
    await queryRunner.query(`ALTER TABLE "park_industry" ADD CONSTRAINT "park_industry_park_id_fkey" FOREIGN KEY ("park_id") REFERENCES "park"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "policy" ADD CONSTRAINT "policy_park_id_fkey" FOREIGN KEY ("park_id") REFERENCES "park"("id") ON DELETE SET NULL ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "policy" ADD CONSTRAINT "policy_article_id_fkey" FOREIGN KEY ("article_id") REFERENCES "article"("id") ON DELETE SET NULL ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "statistic" ADD CONSTRAINT "statistic_article_id_fkey" FOREIGN KEY ("article_id") REFERENCES "article"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "statistic" ADD CONSTRAINT "statistic_park_id_fkey" FOREIGN KEY ("park_id") REFERENCES "park"("id") ON DELETE SET NULL ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "article_park" ADD CONSTRAINT "article_park_article_id_fkey" FOREIGN KEY ("article_id") REFERENCES "article"("id") ON DELETE CASCADE ON UPDATE CASCADE`);
    await queryRunner.query(`ALTER TABLE "article_park" ADD CONSTRAINT "article_park_park_id_fkey" FOREIGN KEY ("park_id") REFERENCES "park"("id") ON DELETE CASCADE ON UPDATE CASCADE`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "article_park" DROP CONSTRAINT "article_park_park_id_fkey"`);
    await queryRunner.query(`ALTER TABLE "article_park" DROP CONSTRAINT "article_park_article_id_fkey"`);
    await queryRunner.query(`ALTER TABLE "statistic" DROP CONSTRAINT "statistic_park_id_fkey"`);
    await queryRunner.query(`ALTER TABLE "statistic" DROP CONSTRAINT "statistic_article_id_fkey"`);
    await queryRunner.query(`ALTER TABLE "policy" DROP CONSTRAINT "policy_article_id_fkey"`);
    await queryRunner.query(`ALTER TABLE "policy" DROP CONSTRAINT "policy_park_id_fkey"`);
    await queryRunner.query(`ALTER TABLE "park_industry" DROP CONSTRAINT "park_industry_park_id_fkey"`);
    await queryRunner.query(`DROP INDEX "public"."article_park_park_id_idx"`);
    await queryRunner.query(`DROP INDEX "public"."article_park_article_id_idx"`);
    await queryRunner.query(`DROP TABLE "article_park"`);
    await queryRunner.query(`DROP INDEX "public"."statistic_park_id_idx"`);
    await queryRunner.query(`DROP INDEX "public"."statistic_article_id_idx"`);
    await queryRunner.query(`DROP TABLE "statistic"`);
    await queryRunner.query(`DROP INDEX "public"."policy_park_id_status_idx"`);
    await queryRunner.query(`DROP INDEX "public"."policy_article_id_idx"`);
    await queryRunner.query(`DROP TABLE "policy"`);
    await queryRunner.query(`DROP INDEX "public"."article_content_hash_idx"`);
    await queryRunner.query(`DROP INDEX "public"."article_source_url_idx"`);
    await queryRunner.query(`DROP TABLE "article"`);
    await queryRunner.query(`DROP INDEX "public"."park_name_key_idx"`);
    await queryRunner.query(`DROP INDEX "public"."park_name_idx"`);
    await queryRunner.query(`DROP TABLE "park"`);
    await queryRunner.query(`DROP INDEX "public"."park_industry_park_id_name_idx"`);
    await queryRunner.query(`DROP INDEX "public"."park_industry_code_idx"`);
    await queryRunner.query(`DROP TABLE "park_industry"`);
  }
}
