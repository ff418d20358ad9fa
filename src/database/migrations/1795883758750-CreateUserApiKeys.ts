import type { MigrationInterface, QueryRunner } from 'typeorm';

/** User API keys (`kici_sk_`): per organization, bound to their creator's membership, stored as SHA-256. */
export class CreateUserApiKeys1795883758750 implements MigrationInterface {
  name = 'CreateUserApiKeys1795883758750';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE "user_api_keys" (
        "id" uuid NOT NULL,
        "org_id" character varying(16) NOT NULL,
        "created_by" uuid NOT NULL,
        "name" character varying(100) NOT NULL,
        "description" character varying(500),
        "permissions" jsonb NOT NULL,
        "token_hash" character(64) NOT NULL,
        "token_prefix" character varying(16) NOT NULL,
        "created_at" TIMESTAMP WITH TIME ZONE NOT NULL,
        "last_used_at" TIMESTAMP WITH TIME ZONE,
        "revoked_at" TIMESTAMP WITH TIME ZONE,
        CONSTRAINT "uq_user_api_keys_token_hash" UNIQUE ("token_hash"),
        CONSTRAINT "pk_user_api_keys" PRIMARY KEY ("id"),
        CONSTRAINT "fk_user_api_keys_creator_membership" FOREIGN KEY ("org_id", "created_by")
          REFERENCES "org_members"("org_id", "user_id") ON DELETE CASCADE
      )`);
    await queryRunner.query(`CREATE INDEX "ix_user_api_keys_org" ON "user_api_keys" ("org_id")`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DROP TABLE "user_api_keys"');
  }
}
