import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Live sessions of an organization, without the ended ones: every reconnect leaves an ended row behind, so
 * over months the organization index mostly points at history, and every proxied request walks it.
 */
export class AddLiveConnectionsIndex1795890100000 implements MigrationInterface {
  name = 'AddLiveConnectionsIndex1795890100000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('CREATE INDEX "ix_platform_connections_live" ON "platform_connections" ("org_id", "cluster_name") WHERE "disconnected_at" IS NULL');
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DROP INDEX "ix_platform_connections_live"');
  }
}
