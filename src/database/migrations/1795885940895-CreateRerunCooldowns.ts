import type { MigrationInterface, QueryRunner } from 'typeorm';

/** The per-run rerun cooldown, shared by all replicas. */
export class CreateRerunCooldowns1795885940895 implements MigrationInterface {
  name = 'CreateRerunCooldowns1795885940895';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE "rerun_cooldowns" (
        "org_id" character varying(16) NOT NULL,
        "run_id" character varying(128) NOT NULL,
        "requested_at" TIMESTAMP WITH TIME ZONE NOT NULL,
        CONSTRAINT "pk_rerun_cooldowns" PRIMARY KEY ("org_id", "run_id")
      )`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DROP TABLE "rerun_cooldowns"');
  }
}
