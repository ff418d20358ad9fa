import type { MigrationInterface, QueryRunner } from 'typeorm';

/** The Platform's inbound webhook delivery log, and the hand-over table for cross-replica relays. */
export class CreateEventLog1795887000000 implements MigrationInterface {
  name = 'CreateEventLog1795887000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE "event_log" (
        "id" uuid NOT NULL,
        "org_id" character varying(16) NOT NULL,
        "delivery_id" character varying(255) NOT NULL,
        "routing_key" character varying(255) NOT NULL,
        "event" character varying(255) NOT NULL,
        "action" character varying(255),
        "status" character varying(32) NOT NULL,
        "http_status" smallint NOT NULL,
        "relay_reason" character varying(2000),
        "routed_to" uuid,
        "attempts" smallint NOT NULL,
        "receipts" integer NOT NULL DEFAULT 1,
        "payload_hash" character(64) NOT NULL,
        "payload_size_bytes" integer NOT NULL,
        "content_type" character varying(255),
        "payload" bytea,
        "request_id" character varying(128) NOT NULL,
        "client_ip" character varying(64),
        "received_at" TIMESTAMP WITH TIME ZONE NOT NULL,
        "completed_at" TIMESTAMP WITH TIME ZONE NOT NULL,
        "latency_ms" integer NOT NULL,
        CONSTRAINT "uq_event_log_delivery" UNIQUE ("org_id", "delivery_id"),
        CONSTRAINT "pk_event_log" PRIMARY KEY ("id"),
        CONSTRAINT "fk_event_log_org" FOREIGN KEY ("org_id") REFERENCES "orgs"("id") ON DELETE CASCADE
      )`);
    await queryRunner.query('CREATE INDEX "ix_event_log_org_received" ON "event_log" ("org_id", "received_at", "id")');
    await queryRunner.query(`
      CREATE TABLE "webhook_relay_bodies" (
        "id" uuid NOT NULL,
        "body" bytea NOT NULL,
        "created_at" TIMESTAMP WITH TIME ZONE NOT NULL,
        CONSTRAINT "pk_webhook_relay_bodies" PRIMARY KEY ("id")
      )`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DROP TABLE "webhook_relay_bodies"');
    await queryRunner.query('DROP TABLE "event_log"');
  }
}
