import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Every session row is rewritten each vouch interval (`replica_seen_at`, `last_heartbeat_at`: 10,000 rows
 * every 10 s on a busy replica). Neither column is indexed, so PostgreSQL can update a row in place on its
 * page (a HOT update, no index entries) — but only if the page has room, and at the default fill factor it
 * has none: 6 % of the updates were HOT, and a 10,000-row vouch cost 250–600 ms of PostgreSQL's time.
 * With pages filled to half, 99 % are HOT and the same vouch costs ≈ 100 ms. Pages written from now on
 * keep the room; existing ones gain it as their rows end and are vacuumed.
 */
export class LeaveRoomForConnectionHeartbeats1795890500000 implements MigrationInterface {
  name = 'LeaveRoomForConnectionHeartbeats1795890500000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('ALTER TABLE "platform_connections" SET (fillfactor = 50)');
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('ALTER TABLE "platform_connections" RESET (fillfactor)');
  }
}
