import type { MigrationInterface, QueryRunner } from 'typeorm';

/** Service accounts, their roles and their `kici_sa_` keys (SHA-256 only). */
export class CreateServiceAccounts1795884076903 implements MigrationInterface {
  name = 'CreateServiceAccounts1795884076903';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE "service_accounts" (
        "id" uuid NOT NULL,
        "org_id" character varying(16) NOT NULL,
        "name" character varying(100) NOT NULL,
        "description" character varying(500),
        "created_by" uuid,
        "created_at" TIMESTAMP WITH TIME ZONE NOT NULL,
        CONSTRAINT "uq_service_accounts_org_name" UNIQUE ("org_id", "name"),
        CONSTRAINT "pk_service_accounts" PRIMARY KEY ("id"),
        CONSTRAINT "fk_service_accounts_org" FOREIGN KEY ("org_id") REFERENCES "orgs"("id") ON DELETE CASCADE,
        CONSTRAINT "fk_service_accounts_created_by" FOREIGN KEY ("created_by") REFERENCES "users"("id") ON DELETE SET NULL
      )`);
    await queryRunner.query(`
      CREATE TABLE "service_account_keys" (
        "id" uuid NOT NULL,
        "org_id" character varying(16) NOT NULL,
        "service_account_id" uuid NOT NULL,
        "token_hash" character(64) NOT NULL,
        "token_prefix" character varying(16) NOT NULL,
        "created_at" TIMESTAMP WITH TIME ZONE NOT NULL,
        "last_used_at" TIMESTAMP WITH TIME ZONE,
        "revoked_at" TIMESTAMP WITH TIME ZONE,
        CONSTRAINT "uq_service_account_keys_token_hash" UNIQUE ("token_hash"),
        CONSTRAINT "pk_service_account_keys" PRIMARY KEY ("id"),
        CONSTRAINT "fk_service_account_keys_account" FOREIGN KEY ("service_account_id") REFERENCES "service_accounts"("id") ON DELETE CASCADE
      )`);
    await queryRunner.query(`CREATE INDEX "ix_service_account_keys_account" ON "service_account_keys" ("service_account_id")`);
    await queryRunner.query(`
      CREATE TABLE "service_account_roles" (
        "service_account_id" uuid NOT NULL,
        "role_id" uuid NOT NULL,
        "org_id" character varying(16) NOT NULL,
        "created_at" TIMESTAMP WITH TIME ZONE NOT NULL,
        CONSTRAINT "pk_service_account_roles" PRIMARY KEY ("service_account_id", "role_id"),
        CONSTRAINT "fk_service_account_roles_account" FOREIGN KEY ("service_account_id") REFERENCES "service_accounts"("id") ON DELETE CASCADE,
        CONSTRAINT "fk_service_account_roles_role" FOREIGN KEY ("role_id") REFERENCES "roles"("id") ON DELETE CASCADE
      )`);
    await queryRunner.query(`CREATE INDEX "ix_service_account_roles_role" ON "service_account_roles" ("role_id")`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DROP TABLE "service_account_roles"');
    await queryRunner.query('DROP TABLE "service_account_keys"');
    await queryRunner.query('DROP TABLE "service_accounts"');
  }
}
