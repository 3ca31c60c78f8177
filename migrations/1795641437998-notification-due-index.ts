import type { MigrationInterface, QueryRunner } from 'typeorm';

export class NotificationDueIndex1795641437998 implements MigrationInterface {
  name = 'NotificationDueIndex1795641437998';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX "public"."notification_status_next_attempt_at_idx"`);
    await queryRunner.query(`CREATE INDEX "notification_due_idx" ON "notification"  ("next_attempt_at", "id") WHERE status IN ('pending', 'failed')`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX "public"."notification_due_idx"`);
    await queryRunner.query(`CREATE INDEX "notification_status_next_attempt_at_idx" ON "notification" USING btree ("status", "next_attempt_at") `);
  }
}
