import type { MigrationInterface, QueryRunner } from 'typeorm';

/** Organizations get a unique readable slug; existing ones get one from their name and id. */
export class AddOrgSlugs1795886400000 implements MigrationInterface {
  name = 'AddOrgSlugs1795886400000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('ALTER TABLE "orgs" ADD "slug" character varying(64)');
    // The id suffix makes back-filled slugs unique without a loop; new orgs get the plain name when free.
    await queryRunner.query(`
      UPDATE "orgs"
         SET "slug" = coalesce(nullif(trim(both '-' from left(regexp_replace(lower("display_name"), '[^a-z0-9]+', '-', 'g'), 48)), ''), 'org')
                      || '-' || substr("id", 5)`);
    await queryRunner.query('ALTER TABLE "orgs" ALTER COLUMN "slug" SET NOT NULL');
    await queryRunner.query('ALTER TABLE "orgs" ADD CONSTRAINT "uq_orgs_slug" UNIQUE ("slug")');
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('ALTER TABLE "orgs" DROP CONSTRAINT "uq_orgs_slug"');
    await queryRunner.query('ALTER TABLE "orgs" DROP COLUMN "slug"');
  }
}
