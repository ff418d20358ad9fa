import type { MigrationInterface, QueryRunner } from 'typeorm';

/** Organization CI trust policies, and the support-access opt-in. */
export class CreateTrustPoliciesAndSupportAccess1795884249813 implements MigrationInterface {
  name = 'CreateTrustPoliciesAndSupportAccess1795884249813';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "orgs" ADD "support_access_enabled" boolean NOT NULL DEFAULT false`);
    await queryRunner.query(`
      CREATE TABLE "trust_policies" (
        "org_id" character varying(16) NOT NULL,
        "fork_policy" character varying(8) NOT NULL,
        "unknown_contributor_policy" character varying(8) NOT NULL,
        "workflow_change_policy" character varying(8) NOT NULL,
        "approval_expiry_hours" integer NOT NULL,
        "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL,
        CONSTRAINT "pk_trust_policies" PRIMARY KEY ("org_id"),
        CONSTRAINT "fk_trust_policies_org" FOREIGN KEY ("org_id") REFERENCES "orgs"("id") ON DELETE CASCADE
      )`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DROP TABLE "trust_policies"');
    await queryRunner.query('ALTER TABLE "orgs" DROP COLUMN "support_access_enabled"');
  }
}
