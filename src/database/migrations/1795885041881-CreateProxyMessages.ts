import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Proxied frames too large for a NOTIFY payload (8000 bytes) wait here for the replica they are addressed
 * to, which deletes the row as it reads it.
 */
export class CreateProxyMessages1795885041881 implements MigrationInterface {
  name = 'CreateProxyMessages1795885041881';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE "proxy_messages" (
        "id" uuid NOT NULL,
        "payload" jsonb NOT NULL,
        "created_at" TIMESTAMP WITH TIME ZONE NOT NULL,
        CONSTRAINT "pk_proxy_messages" PRIMARY KEY ("id")
      )`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DROP TABLE "proxy_messages"');
  }
}
