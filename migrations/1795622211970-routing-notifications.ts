import type { MigrationInterface, QueryRunner } from 'typeorm';

export class RoutingNotifications1795622211970 implements MigrationInterface {
  name = 'RoutingNotifications1795622211970';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`CREATE TABLE "consultant_profile" ("user_id" uuid NOT NULL, "industries" text array NOT NULL DEFAULT '{}', "park_ids" uuid array NOT NULL DEFAULT '{}', "regions" text array NOT NULL DEFAULT '{}', "capacity" integer NOT NULL DEFAULT '50', "active" boolean NOT NULL DEFAULT true, "leave" jsonb NOT NULL DEFAULT '[]', "working_hours" jsonb NOT NULL DEFAULT '{"end": "18:00", "days": [1, 2, 3, 4, 5], "start": "09:00", "timezone": "Asia/Shanghai"}', "email" text, "wecom_user_id" text, "robot_key" text, "team_id" uuid, "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "consultant_profile_pkey" PRIMARY KEY ("user_id"))`);
    await queryRunner.query(`CREATE TABLE "team" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "name" text NOT NULL, "is_default" boolean NOT NULL DEFAULT false, "robot_key" text, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "team_pkey" PRIMARY KEY ("id"))`);
    await queryRunner.query(`CREATE TABLE "routing_rule" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "position" integer NOT NULL, "name" text NOT NULL, "active" boolean NOT NULL DEFAULT true, "conditions" jsonb NOT NULL DEFAULT '{}', "target_type" text NOT NULL, "target_consultant_id" uuid, "target_team_id" uuid, "strategy" text NOT NULL DEFAULT 'round_robin', "require_on_duty" boolean NOT NULL DEFAULT false, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "routing_rule_pkey" PRIMARY KEY ("id"))`);
    await queryRunner.query(`CREATE TABLE "routing_state" ("key" text NOT NULL, "seq" bigint NOT NULL DEFAULT '0', CONSTRAINT "routing_state_pkey" PRIMARY KEY ("key"))`);
    await queryRunner.query(`CREATE TABLE "routing_rotation" ("scope" text NOT NULL, "user_id" uuid NOT NULL, "last_seq" bigint NOT NULL, CONSTRAINT "routing_rotation_pkey" PRIMARY KEY ("scope", "user_id"))`);
    await queryRunner.query(`CREATE TABLE "holiday_calendar" ("date" date NOT NULL, "kind" text NOT NULL, "name" text NOT NULL, CONSTRAINT "holiday_calendar_pkey" PRIMARY KEY ("date"))`);
    await queryRunner.query(`CREATE TABLE "routing_settings" ("id" integer NOT NULL, "first_response_minutes" integer NOT NULL DEFAULT '30', "escalate_multiplier" integer NOT NULL DEFAULT '2', "recycle_multiplier" integer NOT NULL DEFAULT '4', "breach_action" text NOT NULL DEFAULT 'pool', "claim_cap" integer NOT NULL DEFAULT '20', "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "routing_settings_pkey" PRIMARY KEY ("id"))`);
    await queryRunner.query(`CREATE TABLE "lead_sla" ("lead_id" uuid NOT NULL, "owner_id" uuid NOT NULL, "started_at" TIMESTAMP WITH TIME ZONE NOT NULL, "level" integer NOT NULL DEFAULT '0', "closed_at" TIMESTAMP WITH TIME ZONE, CONSTRAINT "lead_sla_pkey" PRIMARY KEY ("lead_id"))`);
    await queryRunner.query(`CREATE INDEX "lead_sla_closed_at_level_idx" ON "lead_sla"  ("closed_at", "level") `);
    await queryRunner.query(`CREATE TABLE "notification" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "event_key" text NOT NULL, "recipient" text NOT NULL, "channel" text NOT NULL, "lead_id" uuid, "payload" jsonb NOT NULL DEFAULT '{}', "status" text NOT NULL DEFAULT 'pending', "attempts" integer NOT NULL DEFAULT '0', "last_error" text, "partial_failure" text, "next_attempt_at" TIMESTAMP WITH TIME ZONE NOT NULL, "sent_at" TIMESTAMP WITH TIME ZONE, "digest_of" uuid, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "notification_event_key_recipient_channel_key" UNIQUE ("event_key", "recipient", "channel"), CONSTRAINT "notification_pkey" PRIMARY KEY ("id"))`);
    await queryRunner.query(`CREATE INDEX "notification_lead_id_idx" ON "notification"  ("lead_id") `);
    await queryRunner.query(`CREATE INDEX "notification_status_next_attempt_at_idx" ON "notification"  ("status", "next_attempt_at") `);
    await queryRunner.query(`CREATE TABLE "wecom_token" ("credential" text NOT NULL, "access_token" text NOT NULL, "expires_at" TIMESTAMP WITH TIME ZONE NOT NULL, CONSTRAINT "wecom_token_pkey" PRIMARY KEY ("credential"))`);
    await queryRunner.query(`CREATE TABLE "wecom_robot_state" ("key_hash" text NOT NULL, "disabled_at" TIMESTAMP WITH TIME ZONE, "disabled_reason" text, "blocked_until" TIMESTAMP WITH TIME ZONE, CONSTRAINT "wecom_robot_state_pkey" PRIMARY KEY ("key_hash"))`);
    await queryRunner.query(`CREATE TABLE "wecom_robot_send" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "key_hash" text NOT NULL, "sent_at" TIMESTAMP WITH TIME ZONE NOT NULL, CONSTRAINT "wecom_robot_send_pkey" PRIMARY KEY ("id"))`);
    await queryRunner.query(`CREATE INDEX "wecom_robot_send_key_hash_sent_at_idx" ON "wecom_robot_send"  ("key_hash", "sent_at") `);
    await queryRunner.query(`ALTER TABLE "consultant_profile" ADD CONSTRAINT "consultant_profile_user_id_fkey" FOREIGN KEY ("user_id") REFERENCES "app_user"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "lead_sla" ADD CONSTRAINT "lead_sla_lead_id_fkey" FOREIGN KEY ("lead_id") REFERENCES "lead"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
    // Seed: the routing lock row, default SLA settings, China's 2026 holidays and make-up workdays.
    await queryRunner.query(`INSERT INTO "routing_state" ("key", "seq") VALUES ('global', 0)`);
    await queryRunner.query(`INSERT INTO "routing_settings" ("id") VALUES (1)`);
    // 国办发明电〔2025〕7号 (same data as libs/routing/src/china-holidays-2026.ts).
    await queryRunner.query(
      `INSERT INTO "holiday_calendar" ("date", "kind", "name") VALUES
         ('2026-01-01', 'holiday', '元旦'),
         ('2026-01-02', 'holiday', '元旦'),
         ('2026-01-03', 'holiday', '元旦'),
         ('2026-01-04', 'workday', '元旦调休上班'),
         ('2026-02-14', 'workday', '春节调休上班'),
         ('2026-02-15', 'holiday', '春节'),
         ('2026-02-16', 'holiday', '春节'),
         ('2026-02-17', 'holiday', '春节'),
         ('2026-02-18', 'holiday', '春节'),
         ('2026-02-19', 'holiday', '春节'),
         ('2026-02-20', 'holiday', '春节'),
         ('2026-02-21', 'holiday', '春节'),
         ('2026-02-22', 'holiday', '春节'),
         ('2026-02-23', 'holiday', '春节'),
         ('2026-02-28', 'workday', '春节调休上班'),
         ('2026-04-04', 'holiday', '清明节'),
         ('2026-04-05', 'holiday', '清明节'),
         ('2026-04-06', 'holiday', '清明节'),
         ('2026-05-01', 'holiday', '劳动节'),
         ('2026-05-02', 'holiday', '劳动节'),
         ('2026-05-03', 'holiday', '劳动节'),
         ('2026-05-04', 'holiday', '劳动节'),
         ('2026-05-05', 'holiday', '劳动节'),
         ('2026-05-09', 'workday', '劳动节调休上班'),
         ('2026-06-19', 'holiday', '端午节'),
         ('2026-06-20', 'holiday', '端午节'),
         ('2026-06-21', 'holiday', '端午节'),
         ('2026-09-20', 'workday', '国庆节调休上班'),
         ('2026-09-25', 'holiday', '中秋节'),
         ('2026-09-26', 'holiday', '中秋节'),
         ('2026-09-27', 'holiday', '中秋节'),
         ('2026-10-01', 'holiday', '国庆节'),
         ('2026-10-02', 'holiday', '国庆节'),
         ('2026-10-03', 'holiday', '国庆节'),
         ('2026-10-04', 'holiday', '国庆节'),
         ('2026-10-05', 'holiday', '国庆节'),
         ('2026-10-06', 'holiday', '国庆节'),
         ('2026-10-07', 'holiday', '国庆节'),
         ('2026-10-10', 'workday', '国庆节调休上班')`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "lead_sla" DROP CONSTRAINT "lead_sla_lead_id_fkey"`);
    await queryRunner.query(`ALTER TABLE "consultant_profile" DROP CONSTRAINT "consultant_profile_user_id_fkey"`);
    await queryRunner.query(`DROP INDEX "public"."wecom_robot_send_key_hash_sent_at_idx"`);
    await queryRunner.query(`DROP TABLE "wecom_robot_send"`);
    await queryRunner.query(`DROP TABLE "wecom_robot_state"`);
    await queryRunner.query(`DROP TABLE "wecom_token"`);
    await queryRunner.query(`DROP INDEX "public"."notification_status_next_attempt_at_idx"`);
    await queryRunner.query(`DROP INDEX "public"."notification_lead_id_idx"`);
    await queryRunner.query(`DROP TABLE "notification"`);
    await queryRunner.query(`DROP INDEX "public"."lead_sla_closed_at_level_idx"`);
    await queryRunner.query(`DROP TABLE "lead_sla"`);
    await queryRunner.query(`DROP TABLE "routing_settings"`);
    await queryRunner.query(`DROP TABLE "holiday_calendar"`);
    await queryRunner.query(`DROP TABLE "routing_rotation"`);
    await queryRunner.query(`DROP TABLE "routing_state"`);
    await queryRunner.query(`DROP TABLE "routing_rule"`);
    await queryRunner.query(`DROP TABLE "team"`);
    await queryRunner.query(`DROP TABLE "consultant_profile"`);
  }
}
