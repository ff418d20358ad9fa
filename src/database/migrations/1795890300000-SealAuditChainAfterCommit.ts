import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Audit rows get their place in the chain after commit: the mutation's transaction inserts the row with
 * `seq`, `prev_hash` and `hash` empty, and the sealer fills them in shortly after (one UPDATE per batch), so
 * concurrent writers of one organization no longer wait for each other's commit to append.
 *
 * The table stays append-only: the UPDATE trigger now lets exactly one change through, sealing — an
 * unsealed row receiving all three chain fields while every other column stays as it is. Sealed rows stay
 * untouchable, DELETE and TRUNCATE are refused as before. Existing rows are all sealed, so they satisfy the
 * new check as they are and their hashes do not change.
 */
export class SealAuditChainAfterCommit1795890300000 implements MigrationInterface {
  name = 'SealAuditChainAfterCommit1795890300000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('ALTER TABLE "audit_events" ALTER COLUMN "seq" DROP NOT NULL, ALTER COLUMN "prev_hash" DROP NOT NULL, ALTER COLUMN "hash" DROP NOT NULL');
    await queryRunner.query(
      `ALTER TABLE "audit_events" ADD CONSTRAINT "ck_audit_events_sealed_whole" CHECK (("seq" IS NULL AND "prev_hash" IS NULL AND "hash" IS NULL) OR ("seq" IS NOT NULL AND "prev_hash" IS NOT NULL AND "hash" IS NOT NULL))`,
    );
    // What the sealer reads: a chain's rows still waiting for their place, oldest id first. Small by nature.
    await queryRunner.query('CREATE INDEX "ix_audit_events_unsealed" ON "audit_events" ("chain_key", "id") WHERE "seq" IS NULL');
    await queryRunner.query(`
      CREATE FUNCTION audit_events_allow_sealing_only() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        IF OLD.seq IS NULL AND NEW.seq IS NOT NULL
           AND to_jsonb(NEW) - 'seq' - 'prev_hash' - 'hash' = to_jsonb(OLD) - 'seq' - 'prev_hash' - 'hash' THEN
          RETURN NEW;
        END IF;
        RAISE EXCEPTION 'audit_events is append-only: % refused', TG_OP USING ERRCODE = 'insufficient_privilege';
      END
      $$`);
    await queryRunner.query('DROP TRIGGER audit_events_no_update_delete ON "audit_events"');
    await queryRunner.query('CREATE TRIGGER audit_events_seal_only BEFORE UPDATE ON "audit_events" FOR EACH ROW EXECUTE FUNCTION audit_events_allow_sealing_only()');
    await queryRunner.query('CREATE TRIGGER audit_events_no_delete BEFORE DELETE ON "audit_events" FOR EACH ROW EXECUTE FUNCTION audit_events_refuse_change()');
  }

  /** Fails while rows wait for sealing (they have no place to give the NOT NULL columns): seal first. */
  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DROP TRIGGER audit_events_no_delete ON "audit_events"');
    await queryRunner.query('DROP TRIGGER audit_events_seal_only ON "audit_events"');
    await queryRunner.query('DROP FUNCTION audit_events_allow_sealing_only()');
    await queryRunner.query(
      'CREATE TRIGGER audit_events_no_update_delete BEFORE UPDATE OR DELETE ON "audit_events" FOR EACH ROW EXECUTE FUNCTION audit_events_refuse_change()',
    );
    await queryRunner.query('DROP INDEX "ix_audit_events_unsealed"');
    await queryRunner.query('ALTER TABLE "audit_events" DROP CONSTRAINT "ck_audit_events_sealed_whole"');
    await queryRunner.query('ALTER TABLE "audit_events" ALTER COLUMN "seq" SET NOT NULL, ALTER COLUMN "prev_hash" SET NOT NULL, ALTER COLUMN "hash" SET NOT NULL');
  }
}
