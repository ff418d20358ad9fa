import type { MigrationInterface, QueryRunner } from 'typeorm';

/** Outbound webhook endpoints and their deliveries (the outbox the delivery worker drains). */
export class CreateWebhookEndpoints1795888000000 implements MigrationInterface {
  name = 'CreateWebhookEndpoints1795888000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE "webhook_endpoints" (
        "id" uuid NOT NULL,
        "org_id" character varying(16) NOT NULL,
        "url" character varying(2048) NOT NULL,
        "description" character varying(500),
        "event_types" jsonb NOT NULL,
        "enabled" boolean NOT NULL,
        "disabled_reason" character varying(500),
        "secret_encrypted" text NOT NULL,
        "previous_secret_encrypted" text,
        "previous_secret_expires_at" TIMESTAMP WITH TIME ZONE,
        "consecutive_dead" integer NOT NULL DEFAULT '0',
        "created_by" character varying(255) NOT NULL,
        "created_at" TIMESTAMP WITH TIME ZONE NOT NULL,
        "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL,
        CONSTRAINT "pk_webhook_endpoints" PRIMARY KEY ("id")
      )`);
    await queryRunner.query('CREATE INDEX "ix_webhook_endpoints_org" ON "webhook_endpoints" ("org_id", "id")');
    await queryRunner.query(`
      CREATE TABLE "webhook_deliveries" (
        "id" uuid NOT NULL,
        "org_id" character varying(16) NOT NULL,
        "endpoint_id" uuid NOT NULL,
        "event_type" character varying(64) NOT NULL,
        "body" text NOT NULL,
        "status" character varying(16) NOT NULL,
        "attempts" integer NOT NULL DEFAULT '0',
        "next_attempt_at" TIMESTAMP WITH TIME ZONE,
        "last_attempt_at" TIMESTAMP WITH TIME ZONE,
        "delivered_at" TIMESTAMP WITH TIME ZONE,
        "response_status" integer,
        "response_body" text,
        "error" character varying(500),
        "created_at" TIMESTAMP WITH TIME ZONE NOT NULL,
        CONSTRAINT "pk_webhook_deliveries" PRIMARY KEY ("id"),
        CONSTRAINT "fk_webhook_deliveries_endpoint" FOREIGN KEY ("endpoint_id") REFERENCES "webhook_endpoints"("id") ON DELETE CASCADE ON UPDATE NO ACTION
      )`);
    await queryRunner.query('CREATE INDEX "ix_webhook_deliveries_endpoint" ON "webhook_deliveries" ("org_id", "endpoint_id", "id")');
    await queryRunner.query('CREATE INDEX "ix_webhook_deliveries_due" ON "webhook_deliveries" ("status", "next_attempt_at")');
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DROP TABLE "webhook_deliveries"');
    await queryRunner.query('DROP TABLE "webhook_endpoints"');
  }
}
