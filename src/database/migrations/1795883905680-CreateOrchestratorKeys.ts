import type { MigrationInterface, QueryRunner } from 'typeorm';

/** Orchestrator keys (`kici_ok_`), soft-revoked, stored as SHA-256 with a 16-character display prefix. */
export class CreateOrchestratorKeys1795883905680 implements MigrationInterface {
  name = 'CreateOrchestratorKeys1795883905680';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE "orchestrator_keys" (
        "id" uuid NOT NULL,
        "org_id" character varying(16) NOT NULL,
        "name" character varying(100) NOT NULL,
        "description" character varying(500),
        "routing_patterns" jsonb NOT NULL DEFAULT '[]',
        "token_hash" character(64) NOT NULL,
        "token_prefix" character varying(16) NOT NULL,
        "created_by" uuid,
        "created_at" TIMESTAMP WITH TIME ZONE NOT NULL,
        "last_used_at" TIMESTAMP WITH TIME ZONE,
        "revoked_at" TIMESTAMP WITH TIME ZONE,
        CONSTRAINT "uq_orchestrator_keys_token_hash" UNIQUE ("token_hash"),
        CONSTRAINT "pk_orchestrator_keys" PRIMARY KEY ("id"),
        CONSTRAINT "fk_orchestrator_keys_org" FOREIGN KEY ("org_id") REFERENCES "orgs"("id") ON DELETE CASCADE,
        CONSTRAINT "fk_orchestrator_keys_created_by" FOREIGN KEY ("created_by") REFERENCES "users"("id") ON DELETE SET NULL
      )`);
    await queryRunner.query(`CREATE INDEX "ix_orchestrator_keys_org" ON "orchestrator_keys" ("org_id")`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DROP TABLE "orchestrator_keys"');
  }
}
