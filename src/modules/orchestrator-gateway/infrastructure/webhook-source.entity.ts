import { Column, Entity, ForeignKey, PrimaryColumn } from 'typeorm';

/** A webhook source an orchestrator registered; kept after it disconnects (the dashboard's Sources tab). */
@Entity({ name: 'webhook_sources' })
export class WebhookSourceEntity {
  @PrimaryColumn({ name: 'org_id', type: 'varchar', length: 16, primaryKeyConstraintName: 'pk_webhook_sources' })
  @ForeignKey('orgs', { name: 'fk_webhook_sources_org', onDelete: 'CASCADE' })
  orgId!: string;

  @PrimaryColumn({ name: 'routing_key', type: 'varchar', length: 255, primaryKeyConstraintName: 'pk_webhook_sources' })
  routingKey!: string;

  @Column({ type: 'varchar', length: 16 })
  provider!: string;

  @Column({ type: 'varchar', length: 255 })
  name!: string;

  @Column({ type: 'varchar', length: 32 })
  subtype!: string;

  @Column({ type: 'varchar', length: 255, nullable: true })
  slug!: string | null;

  @Column({ name: 'registered_at', type: 'timestamptz' })
  registeredAt!: Date;

  @Column({ name: 'updated_at', type: 'timestamptz' })
  updatedAt!: Date;
}
