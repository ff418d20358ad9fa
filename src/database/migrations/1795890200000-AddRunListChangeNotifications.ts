import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Every replica keeps recent run-list pages in memory (RunListCache). These triggers tell all of them,
 * at commit, which organization's list changed — whatever wrote it: the projection, a relayed action,
 * housekeeping or an operator's SQL. PostgreSQL folds identical notifications of one transaction into one,
 * so a frame that upserts a run and its jobs sends a single notification. A user's name or email is shown
 * beside runs of every organization, so adding, removing or renaming one empties every list ('*'); a login's `last_seen_at` does not.
 */
export class AddRunListChangeNotifications1795890200000 implements MigrationInterface {
  name = 'AddRunListChangeNotifications1795890200000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE FUNCTION kici_notify_run_list_changed() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        IF TG_TABLE_NAME = 'users' THEN
          PERFORM pg_notify('kici_run_list_changed', '*');
        ELSIF TG_OP = 'DELETE' THEN
          PERFORM pg_notify('kici_run_list_changed', OLD.org_id);
        ELSE
          PERFORM pg_notify('kici_run_list_changed', NEW.org_id);
          IF TG_OP = 'UPDATE' AND OLD.org_id IS DISTINCT FROM NEW.org_id THEN
            PERFORM pg_notify('kici_run_list_changed', OLD.org_id);
          END IF;
        END IF;
        RETURN NULL;
      END $$`);
    for (const table of ['runs', 'run_jobs', 'webhook_sources']) {
      await queryRunner.query(
        `CREATE TRIGGER "tr_${table}_run_list_changed" AFTER INSERT OR UPDATE OR DELETE ON "${table}"
           FOR EACH ROW EXECUTE FUNCTION kici_notify_run_list_changed()`,
      );
    }
    await queryRunner.query(
      `CREATE TRIGGER "tr_users_run_list_changed" AFTER UPDATE OF email, display_name, subject ON "users"
         FOR EACH ROW WHEN (OLD.email IS DISTINCT FROM NEW.email OR OLD.display_name IS DISTINCT FROM NEW.display_name OR OLD.subject IS DISTINCT FROM NEW.subject)
         EXECUTE FUNCTION kici_notify_run_list_changed()`,
    );
    await queryRunner.query(
      `CREATE TRIGGER "tr_users_added_run_list_changed" AFTER INSERT OR DELETE ON "users"
         FOR EACH ROW EXECUTE FUNCTION kici_notify_run_list_changed()`,
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DROP TRIGGER "tr_users_added_run_list_changed" ON "users"');
    for (const table of ['runs', 'run_jobs', 'webhook_sources', 'users']) await queryRunner.query(`DROP TRIGGER "tr_${table}_run_list_changed" ON "${table}"`);
    await queryRunner.query('DROP FUNCTION kici_notify_run_list_changed()');
  }
}
