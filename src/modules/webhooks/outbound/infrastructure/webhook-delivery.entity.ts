import { Column, Entity, ForeignKey, Index, PrimaryColumn } from 'typeorm';

export const DELIVERY_STATUSES = ['pending', 'delivered', 'dead', 'discarded'] as const;
export type DeliveryStatus = (typeof DELIVERY_STATUSES)[number];

/**
 * One event for one endpoint (the outbox row), written in the transaction of the change that caused it.
 * Its id is the `webhook-id` header on every attempt, so receivers can drop duplicates.
 */
@Entity({ name: 'webhook_deliveries' })
@Index('ix_webhook_deliveries_endpoint', ['orgId', 'endpointId', 'id'])
@Index('ix_webhook_deliveries_due', ['status', 'nextAttemptAt'])
@ForeignKey('webhook_endpoints', ['endpointId'], ['id'], { name: 'fk_webhook_deliveries_endpoint', onDelete: 'CASCADE' })
export class WebhookDeliveryEntity {
  @PrimaryColumn({ type: 'uuid', primaryKeyConstraintName: 'pk_webhook_deliveries' })
  id!: string;

  @Column({ name: 'org_id', type: 'varchar', length: 16 })
  orgId!: string;

  @Column({ name: 'endpoint_id', type: 'uuid' })
  endpointId!: string;

  @Column({ name: 'event_type', type: 'varchar', length: 64 })
  eventType!: string;

  /** The exact body sent on every attempt (signatures cover these bytes). */
  @Column({ type: 'text' })
  body!: string;

  @Column({ type: 'varchar', length: 16 })
  status!: DeliveryStatus;

  @Column({ type: 'integer', default: 0 })
  attempts!: number;

  @Column({ name: 'next_attempt_at', type: 'timestamptz', nullable: true })
  nextAttemptAt!: Date | null;

  @Column({ name: 'last_attempt_at', type: 'timestamptz', nullable: true })
  lastAttemptAt!: Date | null;

  @Column({ name: 'delivered_at', type: 'timestamptz', nullable: true })
  deliveredAt!: Date | null;

  @Column({ name: 'response_status', type: 'integer', nullable: true })
  responseStatus!: number | null;

  /** At most 4 KiB of the receiver's last answer. */
  @Column({ name: 'response_body', type: 'text', nullable: true })
  responseBody!: string | null;

  @Column({ type: 'varchar', length: 500, nullable: true })
  error!: string | null;

  @Column({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;
}
