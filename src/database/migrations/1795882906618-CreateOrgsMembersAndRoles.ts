import type { MigrationInterface, QueryRunner } from 'typeorm';

/** Organizations, their members, roles (permission matrices) and role assignments. */
export class CreateOrgsMembersAndRoles1795882906618 implements MigrationInterface {
  name = 'CreateOrgsMembersAndRoles1795882906618';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE "orgs" (
        "id" character varying(16) NOT NULL,
        "public_alias" character varying(16) NOT NULL,
        "display_name" character varying(100) NOT NULL,
        "is_personal" boolean NOT NULL DEFAULT false,
        "created_by" uuid,
        "created_at" TIMESTAMP WITH TIME ZONE NOT NULL,
        "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL,
        "disabled_at" TIMESTAMP WITH TIME ZONE,
        CONSTRAINT "uq_orgs_public_alias" UNIQUE ("public_alias"),
        CONSTRAINT "pk_orgs" PRIMARY KEY ("id"),
        CONSTRAINT "fk_orgs_created_by" FOREIGN KEY ("created_by") REFERENCES "users"("id") ON DELETE SET NULL
      )`);
    await queryRunner.query(`
      CREATE TABLE "org_members" (
        "org_id" character varying(16) NOT NULL,
        "user_id" uuid NOT NULL,
        "joined_at" TIMESTAMP WITH TIME ZONE NOT NULL,
        "suspended_at" TIMESTAMP WITH TIME ZONE,
        CONSTRAINT "pk_org_members" PRIMARY KEY ("org_id", "user_id"),
        CONSTRAINT "fk_org_members_org" FOREIGN KEY ("org_id") REFERENCES "orgs"("id") ON DELETE CASCADE,
        CONSTRAINT "fk_org_members_user" FOREIGN KEY ("user_id") REFERENCES "users"("id") ON DELETE CASCADE
      )`);
    await queryRunner.query(`CREATE INDEX "ix_org_members_user" ON "org_members" ("user_id")`);
    await queryRunner.query(`
      CREATE TABLE "roles" (
        "id" uuid NOT NULL,
        "org_id" character varying(16) NOT NULL,
        "name" character varying(100) NOT NULL,
        "description" character varying(500),
        "permissions" jsonb NOT NULL,
        "repo_patterns" jsonb NOT NULL DEFAULT '["*"]',
        "is_owner" boolean NOT NULL DEFAULT false,
        "created_at" TIMESTAMP WITH TIME ZONE NOT NULL,
        "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL,
        CONSTRAINT "uq_roles_org_name" UNIQUE ("org_id", "name"),
        CONSTRAINT "pk_roles" PRIMARY KEY ("id"),
        CONSTRAINT "fk_roles_org" FOREIGN KEY ("org_id") REFERENCES "orgs"("id") ON DELETE CASCADE
      )`);
    await queryRunner.query(`
      CREATE TABLE "role_assignments" (
        "org_id" character varying(16) NOT NULL,
        "user_id" uuid NOT NULL,
        "role_id" uuid NOT NULL,
        "assigned_by" uuid,
        "created_at" TIMESTAMP WITH TIME ZONE NOT NULL,
        CONSTRAINT "pk_role_assignments" PRIMARY KEY ("org_id", "user_id", "role_id"),
        CONSTRAINT "fk_role_assignments_member" FOREIGN KEY ("org_id", "user_id") REFERENCES "org_members"("org_id", "user_id") ON DELETE CASCADE,
        CONSTRAINT "fk_role_assignments_role" FOREIGN KEY ("role_id") REFERENCES "roles"("id") ON DELETE CASCADE
      )`);
    await queryRunner.query(`CREATE INDEX "ix_role_assignments_role" ON "role_assignments" ("role_id")`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DROP TABLE "role_assignments"');
    await queryRunner.query('DROP TABLE "roles"');
    await queryRunner.query('DROP TABLE "org_members"');
    await queryRunner.query('DROP TABLE "orgs"');
  }
}
