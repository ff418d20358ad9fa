import { Column, Entity, ForeignKey, Index, PrimaryColumn } from 'typeorm';

/**
 * One orchestrator WebSocket session, as every replica can see it. The replica holding the socket keeps
 * `replica_seen_at` fresh; rows of a replica that stopped doing so are reaped (marked disconnected).
 */
@Entity({ name: 'platform_connections' })
@Index('ix_platform_connections_org', ['orgId'])
@Index('ix_platform_connections_key', ['keyId'])
@Index('ix_platform_connections_live', ['orgId', 'clusterName'], { where: '"disconnected_at" IS NULL' })
export class PlatformConnectionEntity {
  @PrimaryColumn({ name: 'connection_id', type: 'uuid', primaryKeyConstraintName: 'pk_platform_connections' })
  connectionId!: string;

  @Column({ name: 'org_id', type: 'varchar', length: 16 })
  @ForeignKey('orgs', { name: 'fk_platform_connections_org', onDelete: 'CASCADE' })
  orgId!: string;

  @Column({ name: 'key_id', type: 'uuid' })
  @ForeignKey('orchestrator_keys', { name: 'fk_platform_connections_key', onDelete: 'CASCADE' })
  keyId!: string;

  @Column({ name: 'replica_id', type: 'varchar', length: 64 })
  replicaId!: string;

  @Column({ name: 'cluster_name', type: 'varchar', length: 63, nullable: true })
  clusterName!: string | null;

  @Column({ name: 'cluster_id', type: 'varchar', length: 64, nullable: true })
  clusterId!: string | null;

  @Column({ name: 'instance_id', type: 'varchar', length: 128, nullable: true })
  instanceId!: string | null;

  @Column({ type: 'varchar', length: 64, nullable: true })
  version!: string | null;

  @Column({ type: 'varchar', length: 16, nullable: true })
  mode!: string | null;

  @Column({ type: 'varchar', length: 512, nullable: true })
  address!: string | null;

  @Column({ name: 'routing_keys', type: 'jsonb', default: () => "'[]'" })
  routingKeys!: string[];

  @Column({ type: 'jsonb', default: () => "'{}'" })
  capabilities!: Record<string, unknown>;

  /** The rest of what `source.register` says about the orchestrator (scaler backends, deployment, …). */
  @Column({ type: 'jsonb', default: () => "'{}'" })
  details!: Record<string, unknown>;

  @Column({ name: 'connected_at', type: 'timestamptz' })
  connectedAt!: Date;

  @Column({ name: 'last_heartbeat_at', type: 'timestamptz', nullable: true })
  lastHeartbeatAt!: Date | null;

  @Column({ name: 'replica_seen_at', type: 'timestamptz' })
  replicaSeenAt!: Date;

  /** The first `source.register` of the session; before it the session has not said which cluster it is. */
  @Column({ name: 'registered_at', type: 'timestamptz', nullable: true })
  registeredAt!: Date | null;

  @Column({ name: 'disconnected_at', type: 'timestamptz', nullable: true })
  disconnectedAt!: Date | null;
}
