import type { MigrationInterface, QueryRunner } from 'typeorm';

/** When a session's first `source.register` arrived: until then it has no cluster name and is not preferred for routing. */
export class AddConnectionRegisteredAt1795889000000 implements MigrationInterface {
  name = 'AddConnectionRegisteredAt1795889000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('ALTER TABLE "platform_connections" ADD "registered_at" TIMESTAMP WITH TIME ZONE');
    // Sessions recorded before this column existed had registered if they reported anything about themselves.
    await queryRunner.query(`UPDATE "platform_connections" SET "registered_at" = "connected_at" WHERE "cluster_name" IS NOT NULL OR "version" IS NOT NULL`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('ALTER TABLE "platform_connections" DROP COLUMN "registered_at"');
  }
}
