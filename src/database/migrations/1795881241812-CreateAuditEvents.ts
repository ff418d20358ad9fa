import type { MigrationInterface, QueryRunner } from 'typeorm';

/** The append-only audit log with its per-chain hash links; UPDATE, DELETE and TRUNCATE are refused by triggers. */
export class CreateAuditEvents1795881241812 implements MigrationInterface {
  name = 'CreateAuditEvents1795881241812';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE "audit_events" (
        "id" uuid NOT NULL,
        "org_id" character varying(16),
        "chain_key" character varying(16) NOT NULL,
        "seq" bigint NOT NULL,
        "occurred_at" TIMESTAMP WITH TIME ZONE NOT NULL,
        "actor_type" character varying(32) NOT NULL,
        "actor_id" character varying(255) NOT NULL,
        "actor_display" character varying(320),
        "action" character varying(100) NOT NULL,
        "target_type" character varying(64) NOT NULL,
        "target_id" character varying(255),
        "request_id" character varying(128),
        "ip" character varying(64),
        "user_agent" character varying(512),
        "payload" jsonb NOT NULL DEFAULT '{}',
        "prev_hash" character(64) NOT NULL,
        "hash" character(64) NOT NULL,
        CONSTRAINT "uq_audit_events_chain_seq" UNIQUE ("chain_key", "seq"),
        CONSTRAINT "pk_audit_events" PRIMARY KEY ("id")
      )`);
    await queryRunner.query(`CREATE INDEX "ix_audit_events_org_occurred" ON "audit_events" ("org_id", "occurred_at")`);
    await queryRunner.query(`
      CREATE FUNCTION audit_events_refuse_change() RETURNS trigger LANGUAGE plpgsql AS \$\$
      BEGIN
        RAISE EXCEPTION 'audit_events is append-only: % refused', TG_OP USING ERRCODE = 'insufficient_privilege';
      END
      \$\$`);
    await queryRunner.query(`
      CREATE TRIGGER audit_events_no_update_delete BEFORE UPDATE OR DELETE ON "audit_events"
      FOR EACH ROW EXECUTE FUNCTION audit_events_refuse_change()`);
    await queryRunner.query(`
      CREATE TRIGGER audit_events_no_truncate BEFORE TRUNCATE ON "audit_events"
      FOR EACH STATEMENT EXECUTE FUNCTION audit_events_refuse_change()`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DROP TABLE "audit_events"');
    await queryRunner.query('DROP FUNCTION audit_events_refuse_change()');
  }
}
