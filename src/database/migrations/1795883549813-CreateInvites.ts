import type { MigrationInterface, QueryRunner } from 'typeorm';

/** Invitations into organizations, and whether a user's email is verified by their identity provider. */
export class CreateInvites1795883549813 implements MigrationInterface {
  name = 'CreateInvites1795883549813';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "users" ADD "email_verified" boolean NOT NULL DEFAULT false`);
    await queryRunner.query(`
      CREATE TABLE "invites" (
        "id" uuid NOT NULL,
        "org_id" character varying(16) NOT NULL,
        "email" character varying(320) NOT NULL,
        "role_ids" jsonb NOT NULL,
        "invited_by" uuid,
        "status" character varying(16) NOT NULL,
        "created_at" TIMESTAMP WITH TIME ZONE NOT NULL,
        "expires_at" TIMESTAMP WITH TIME ZONE NOT NULL,
        "responded_at" TIMESTAMP WITH TIME ZONE,
        CONSTRAINT "pk_invites" PRIMARY KEY ("id"),
        CONSTRAINT "fk_invites_org" FOREIGN KEY ("org_id") REFERENCES "orgs"("id") ON DELETE CASCADE,
        CONSTRAINT "fk_invites_invited_by" FOREIGN KEY ("invited_by") REFERENCES "users"("id") ON DELETE SET NULL
      )`);
    await queryRunner.query(`CREATE INDEX "ix_invites_org" ON "invites" ("org_id")`);
    await queryRunner.query(`CREATE INDEX "ix_invites_email_status" ON "invites" ("email", "status")`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DROP TABLE "invites"');
    await queryRunner.query('ALTER TABLE "users" DROP COLUMN "email_verified"');
  }
}
