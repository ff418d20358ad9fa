import type { MigrationInterface, QueryRunner } from 'typeorm';

/** The Platform's own projection of runs, jobs and steps from orchestrator telemetry. */
export class CreateRunsProjection1795885202694 implements MigrationInterface {
  name = 'CreateRunsProjection1795885202694';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE "runs" (
        "org_id" character varying(16) NOT NULL,
        "run_id" character varying(128) NOT NULL,
        "workflow_name" character varying(128) NOT NULL,
        "status" character varying(16) NOT NULL,
        "repo_identifier" character varying(256),
        "repo_provider" character varying(128),
        "local_working_tree" boolean NOT NULL DEFAULT false,
        "sha" character varying(128),
        "ref" character varying(128),
        "trigger_event" character varying(128),
        "commit_message" character varying(2000),
        "job_count" integer,
        "started_at" TIMESTAMP WITH TIME ZONE NOT NULL,
        "completed_at" TIMESTAMP WITH TIME ZONE,
        "duration_ms" bigint,
        "parent_run_id" character varying(128),
        "original_run_id" character varying(128),
        "triggered_by" character varying(128),
        "cancelled_by" character varying(128),
        "failure_reason" character varying(2000),
        "routing_key" character varying(255),
        "cluster_name" character varying(63),
        "extra" jsonb NOT NULL DEFAULT '{}',
        "last_event_at" TIMESTAMP WITH TIME ZONE NOT NULL,
        CONSTRAINT "pk_runs" PRIMARY KEY ("org_id", "run_id"),
        CONSTRAINT "fk_runs_org" FOREIGN KEY ("org_id") REFERENCES "orgs"("id") ON DELETE CASCADE
      )`);
    await queryRunner.query(`CREATE INDEX "ix_runs_org_started" ON "runs" ("org_id", "started_at")`);
    await queryRunner.query(`
      CREATE TABLE "run_jobs" (
        "org_id" character varying(16) NOT NULL,
        "run_id" character varying(128) NOT NULL,
        "job_id" character varying(128) NOT NULL,
        "job_name" character varying(128) NOT NULL,
        "status" character varying(32) NOT NULL,
        "started_at" TIMESTAMP WITH TIME ZONE,
        "completed_at" TIMESTAMP WITH TIME ZONE,
        "duration_ms" bigint,
        "error_message" character varying(2000),
        "agent_id" character varying(128),
        "environments" jsonb NOT NULL DEFAULT '[]',
        "extra" jsonb NOT NULL DEFAULT '{}',
        "last_event_at" TIMESTAMP WITH TIME ZONE NOT NULL,
        CONSTRAINT "pk_run_jobs" PRIMARY KEY ("org_id", "run_id", "job_id")
      )`);
    await queryRunner.query(`
      CREATE TABLE "run_steps" (
        "org_id" character varying(16) NOT NULL,
        "run_id" character varying(128) NOT NULL,
        "job_id" character varying(128) NOT NULL,
        "step_index" integer NOT NULL,
        "step_name" character varying(256) NOT NULL,
        "state" character varying(16) NOT NULL,
        "data" jsonb NOT NULL DEFAULT '{}',
        "last_event_at" TIMESTAMP WITH TIME ZONE NOT NULL,
        CONSTRAINT "pk_run_steps" PRIMARY KEY ("org_id", "run_id", "job_id", "step_index")
      )`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DROP TABLE "run_steps"');
    await queryRunner.query('DROP TABLE "run_jobs"');
    await queryRunner.query('DROP TABLE "runs"');
  }
}
