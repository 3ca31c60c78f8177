import type { MigrationInterface, QueryRunner } from 'typeorm';

export class KnowledgePolicyBase1795623241905 implements MigrationInterface {
  name = 'KnowledgePolicyBase1795623241905';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "policy" ADD "base_fact" text`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "policy" DROP COLUMN "base_fact"`);
  }
}
