import type { MigrationInterface, QueryRunner } from 'typeorm';

/** The runs' infrastructure timelines (`run.event`). */
export class CreateRunEvents1795886700000 implements MigrationInterface {
  name = 'CreateRunEvents1795886700000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE "run_events" (
        "org_id" character varying(16) NOT NULL,
        "run_id" character varying(128) NOT NULL,
        "dedupe_key" character varying(64) NOT NULL,
        "event_type" character varying(128) NOT NULL,
        "occurred_at" TIMESTAMP WITH TIME ZONE NOT NULL,
        "source_service" character varying(16) NOT NULL,
        "job_id" character varying(128),
        "step_index" integer,
        "duration_ms" double precision,
        "trace_id" character varying(64),
        "span_id" character varying(64),
        "parent_span_id" character varying(64),
        "metadata" jsonb NOT NULL DEFAULT '{}',
        CONSTRAINT "pk_run_events" PRIMARY KEY ("org_id", "run_id", "dedupe_key")
      )`);
    await queryRunner.query('CREATE INDEX "ix_run_events_run_time" ON "run_events" ("org_id", "run_id", "occurred_at")');
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DROP TABLE "run_events"');
  }
}
