import { Column, Entity, Index, PrimaryColumn } from 'typeorm';

/**
 * An organization's outbound webhook endpoint. The signing secret is kept encrypted (AES-256-GCM under
 * `KICI_SECRET_KEY`) because signing needs it back; during a rotation the previous secret keeps signing
 * beside the new one until `previousSecretExpiresAt`.
 */
@Entity({ name: 'webhook_endpoints' })
@Index('ix_webhook_endpoints_org', ['orgId', 'id'])
export class WebhookEndpointEntity {
  @PrimaryColumn({ type: 'uuid', primaryKeyConstraintName: 'pk_webhook_endpoints' })
  id!: string;

  @Column({ name: 'org_id', type: 'varchar', length: 16 })
  orgId!: string;

  @Column({ type: 'varchar', length: 2048 })
  url!: string;

  @Column({ type: 'varchar', length: 500, nullable: true })
  description!: string | null;

  @Column({ name: 'event_types', type: 'jsonb' })
  eventTypes!: string[];

  @Column({ type: 'boolean' })
  enabled!: boolean;

  @Column({ name: 'disabled_reason', type: 'varchar', length: 500, nullable: true })
  disabledReason!: string | null;

  @Column({ name: 'secret_encrypted', type: 'text' })
  secretEncrypted!: string;

  @Column({ name: 'previous_secret_encrypted', type: 'text', nullable: true })
  previousSecretEncrypted!: string | null;

  @Column({ name: 'previous_secret_expires_at', type: 'timestamptz', nullable: true })
  previousSecretExpiresAt!: Date | null;

  /** Dead deliveries since the last successful one; reaching the limit disables the endpoint. */
  @Column({ name: 'consecutive_dead', type: 'integer', default: 0 })
  consecutiveDead!: number;

  @Column({ name: 'created_by', type: 'varchar', length: 255 })
  createdBy!: string;

  @Column({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;

  @Column({ name: 'updated_at', type: 'timestamptz' })
  updatedAt!: Date;
}
