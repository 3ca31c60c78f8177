import type { MigrationInterface, QueryRunner } from 'typeorm';

export class Listings1795622102067 implements MigrationInterface {
  name = 'Listings1795622102067';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`CREATE TABLE "listing" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "natural_key" text NOT NULL, "external_code" text, "title" text NOT NULL, "kind" text NOT NULL, "deal" text NOT NULL, "status" text NOT NULL DEFAULT 'available', "park_id" uuid, "region" text, "address" text, "area_sqm" numeric, "area_mu" numeric, "floors" integer, "floor_no" integer, "clear_height_m" numeric, "floor_load_t_per_sqm" numeric, "crane_tons" numeric, "power_kva" numeric, "structure" text, "env_approved" boolean, "ownership" text, "land_use" text, "plot_ratio" numeric, "rent_yuan_per_sqm_month" numeric, "rent_quoted_raw" text, "sale_price_yuan_per_sqm" numeric, "land_price_wan_per_mu" numeric, "min_tax_per_mu_wan" numeric, "min_invest_intensity_wan_per_mu" numeric, "allowed_industries" text array NOT NULL DEFAULT '{}', "available_from" date, "notes" text, "demo" boolean NOT NULL DEFAULT false, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "listing_pkey" PRIMARY KEY ("id"))`);
    await queryRunner.query(`CREATE INDEX "listing_park_id_idx" ON "listing"  ("park_id") `);
    await queryRunner.query(`CREATE INDEX "listing_area_sqm_idx" ON "listing"  ("area_sqm") `);
    await queryRunner.query(`CREATE UNIQUE INDEX "listing_natural_key_idx" ON "listing"  ("natural_key") `);
    await queryRunner.query(`CREATE INDEX "listing_match_idx" ON "listing"  ("kind", "deal", "status", "area_sqm") `);
    await queryRunner.query(`CREATE TABLE "listing_hold" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "listing_id" uuid NOT NULL, "lead_id" uuid NOT NULL, "held_by_id" uuid, "until" TIMESTAMP WITH TIME ZONE NOT NULL, "released_at" TIMESTAMP WITH TIME ZONE, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "listing_hold_pkey" PRIMARY KEY ("id"))`);
    await queryRunner.query(`CREATE INDEX "listing_hold_listing_id_until_idx" ON "listing_hold"  ("listing_id", "until") `);
    await queryRunner.query(`ALTER TABLE "listing_hold" ADD CONSTRAINT "listing_hold_listing_id_fkey" FOREIGN KEY ("listing_id") REFERENCES "listing"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "listing_hold" ADD CONSTRAINT "listing_hold_lead_id_fkey" FOREIGN KEY ("lead_id") REFERENCES "lead"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "listing_hold" ADD CONSTRAINT "listing_hold_held_by_id_fkey" FOREIGN KEY ("held_by_id") REFERENCES "app_user"("id") ON DELETE SET NULL ON UPDATE NO ACTION`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "listing_hold" DROP CONSTRAINT "listing_hold_held_by_id_fkey"`);
    await queryRunner.query(`ALTER TABLE "listing_hold" DROP CONSTRAINT "listing_hold_lead_id_fkey"`);
    await queryRunner.query(`ALTER TABLE "listing_hold" DROP CONSTRAINT "listing_hold_listing_id_fkey"`);
    await queryRunner.query(`DROP INDEX "public"."listing_hold_listing_id_until_idx"`);
    await queryRunner.query(`DROP TABLE "listing_hold"`);
    await queryRunner.query(`DROP INDEX "public"."listing_match_idx"`);
    await queryRunner.query(`DROP INDEX "public"."listing_natural_key_idx"`);
    await queryRunner.query(`DROP INDEX "public"."listing_area_sqm_idx"`);
    await queryRunner.query(`DROP INDEX "public"."listing_park_id_idx"`);
    await queryRunner.query(`DROP TABLE "listing"`);
  }
}
