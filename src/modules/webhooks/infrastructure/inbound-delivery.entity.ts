import { Column, Entity, ForeignKey, Index, PrimaryColumn, Unique } from 'typeorm';

/**
 * The Platform's webhook `event_log` (platform-domain §1.17): one row per provider delivery (a redelivery
 * of the same delivery id updates it), with what routing did. The body is kept only as its SHA-256 and
 * size unless the operator asks for payloads.
 */
@Entity({ name: 'event_log' })
@Unique('uq_event_log_delivery', ['orgId', 'deliveryId'])
@Index('ix_event_log_org_received', ['orgId', 'receivedAt', 'id'])
export class InboundDeliveryEntity {
  @PrimaryColumn({ type: 'uuid', primaryKeyConstraintName: 'pk_event_log' })
  id!: string;

  @Column({ name: 'org_id', type: 'varchar', length: 16 })
  @ForeignKey('orgs', { name: 'fk_event_log_org', onDelete: 'CASCADE' })
  orgId!: string;

  @Column({ name: 'delivery_id', type: 'varchar', length: 255 })
  deliveryId!: string;

  @Column({ name: 'routing_key', type: 'varchar', length: 255 })
  routingKey!: string;

  @Column({ type: 'varchar', length: 255 })
  event!: string;

  @Column({ type: 'varchar', length: 255, nullable: true })
  action!: string | null;

  /** `accepted`, one of the orchestrator's rejections, or `unavailable` (no orchestrator took it). */
  @Column({ type: 'varchar', length: 32 })
  status!: string;

  @Column({ name: 'http_status', type: 'smallint' })
  httpStatus!: number;

  @Column({ name: 'relay_reason', type: 'varchar', length: 2000, nullable: true })
  relayReason!: string | null;

  /** The connection whose ack decided the outcome (null when none answered). */
  @Column({ name: 'routed_to', type: 'uuid', nullable: true })
  routedTo!: string | null;

  /** Candidates tried on the last receipt. */
  @Column({ type: 'smallint' })
  attempts!: number;

  /** Times the provider sent this delivery id. */
  @Column({ type: 'integer', default: 1 })
  receipts!: number;

  @Column({ name: 'payload_hash', type: 'char', length: 64 })
  payloadHash!: string;

  @Column({ name: 'payload_size_bytes', type: 'integer' })
  payloadSizeBytes!: number;

  @Column({ name: 'content_type', type: 'varchar', length: 255, nullable: true })
  contentType!: string | null;

  @Column({ type: 'bytea', nullable: true })
  payload!: Buffer | null;

  @Column({ name: 'request_id', type: 'varchar', length: 128 })
  requestId!: string;

  @Column({ name: 'client_ip', type: 'varchar', length: 64, nullable: true })
  clientIp!: string | null;

  @Column({ name: 'received_at', type: 'timestamptz' })
  receivedAt!: Date;

  @Column({ name: 'completed_at', type: 'timestamptz' })
  completedAt!: Date;

  @Column({ name: 'latency_ms', type: 'integer' })
  latencyMs!: number;
}
