import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Indexes the runs list needs: its default order (newest first, runs without a start last, then id) read
 * straight from an index, so a page stops after its rows instead of sorting the organization's every run;
 * and users by subject, which the list joins to name who triggered or cancelled each run.
 */
export class AddRunListIndexes1795890000000 implements MigrationInterface {
  name = 'AddRunListIndexes1795890000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('CREATE INDEX "ix_runs_org_recent" ON "runs" ("org_id", "started_at" DESC NULLS LAST, "run_id")');
    await queryRunner.query('CREATE INDEX "ix_users_subject" ON "users" ("subject")');
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DROP INDEX "ix_users_subject"');
    await queryRunner.query('DROP INDEX "ix_runs_org_recent"');
  }
}
