import type { MigrationInterface, QueryRunner } from 'typeorm';

/** Orchestrator sessions visible to every replica, and the webhook sources orchestrators registered. */
export class CreatePlatformConnections1795884672285 implements MigrationInterface {
  name = 'CreatePlatformConnections1795884672285';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE "platform_connections" (
        "connection_id" uuid NOT NULL,
        "org_id" character varying(16) NOT NULL,
        "key_id" uuid NOT NULL,
        "replica_id" character varying(64) NOT NULL,
        "cluster_name" character varying(63),
        "cluster_id" character varying(64),
        "instance_id" character varying(128),
        "version" character varying(64),
        "mode" character varying(16),
        "address" character varying(512),
        "routing_keys" jsonb NOT NULL DEFAULT '[]',
        "capabilities" jsonb NOT NULL DEFAULT '{}',
        "details" jsonb NOT NULL DEFAULT '{}',
        "connected_at" TIMESTAMP WITH TIME ZONE NOT NULL,
        "last_heartbeat_at" TIMESTAMP WITH TIME ZONE,
        "replica_seen_at" TIMESTAMP WITH TIME ZONE NOT NULL,
        "disconnected_at" TIMESTAMP WITH TIME ZONE,
        CONSTRAINT "pk_platform_connections" PRIMARY KEY ("connection_id"),
        CONSTRAINT "fk_platform_connections_org" FOREIGN KEY ("org_id") REFERENCES "orgs"("id") ON DELETE CASCADE,
        CONSTRAINT "fk_platform_connections_key" FOREIGN KEY ("key_id") REFERENCES "orchestrator_keys"("id") ON DELETE CASCADE
      )`);
    await queryRunner.query(`CREATE INDEX "ix_platform_connections_org" ON "platform_connections" ("org_id")`);
    await queryRunner.query(`CREATE INDEX "ix_platform_connections_key" ON "platform_connections" ("key_id")`);
    await queryRunner.query(`
      CREATE TABLE "webhook_sources" (
        "org_id" character varying(16) NOT NULL,
        "routing_key" character varying(255) NOT NULL,
        "provider" character varying(16) NOT NULL,
        "name" character varying(255) NOT NULL,
        "subtype" character varying(32) NOT NULL,
        "slug" character varying(255),
        "registered_at" TIMESTAMP WITH TIME ZONE NOT NULL,
        "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL,
        CONSTRAINT "pk_webhook_sources" PRIMARY KEY ("org_id", "routing_key"),
        CONSTRAINT "fk_webhook_sources_org" FOREIGN KEY ("org_id") REFERENCES "orgs"("id") ON DELETE CASCADE
      )`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DROP TABLE "webhook_sources"');
    await queryRunner.query('DROP TABLE "platform_connections"');
  }
}
