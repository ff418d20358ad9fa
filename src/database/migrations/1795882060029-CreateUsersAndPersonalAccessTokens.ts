import type { MigrationInterface, QueryRunner } from 'typeorm';

/** Users keyed by (issuer, subject), and their personal access tokens stored as SHA-256 hashes. */
export class CreateUsersAndPersonalAccessTokens1795882060029 implements MigrationInterface {
  name = 'CreateUsersAndPersonalAccessTokens1795882060029';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE "users" (
        "id" uuid NOT NULL,
        "issuer" character varying(512) NOT NULL,
        "subject" character varying(255) NOT NULL,
        "email" character varying(320),
        "display_name" character varying(200),
        "created_at" TIMESTAMP WITH TIME ZONE NOT NULL,
        "last_seen_at" TIMESTAMP WITH TIME ZONE NOT NULL,
        CONSTRAINT "uq_users_issuer_subject" UNIQUE ("issuer", "subject"),
        CONSTRAINT "pk_users" PRIMARY KEY ("id")
      )`);
    await queryRunner.query(`
      CREATE TABLE "personal_access_tokens" (
        "id" uuid NOT NULL,
        "user_id" uuid NOT NULL,
        "name" character varying(100) NOT NULL,
        "kind" character varying(8) NOT NULL,
        "agent_label" character varying(100),
        "token_hash" character(64) NOT NULL,
        "token_prefix" character varying(16) NOT NULL,
        "scopes" jsonb,
        "expires_at" TIMESTAMP WITH TIME ZONE NOT NULL,
        "created_at" TIMESTAMP WITH TIME ZONE NOT NULL,
        "last_used_at" TIMESTAMP WITH TIME ZONE,
        "revoked_at" TIMESTAMP WITH TIME ZONE,
        CONSTRAINT "uq_personal_access_tokens_token_hash" UNIQUE ("token_hash"),
        CONSTRAINT "pk_personal_access_tokens" PRIMARY KEY ("id"),
        CONSTRAINT "fk_personal_access_tokens_user" FOREIGN KEY ("user_id") REFERENCES "users"("id") ON DELETE CASCADE
      )`);
    await queryRunner.query(`CREATE INDEX "ix_personal_access_tokens_user" ON "personal_access_tokens" ("user_id")`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DROP TABLE "personal_access_tokens"');
    await queryRunner.query('DROP TABLE "users"');
  }
}
