import { Column, Entity, ForeignKey, Index, PrimaryColumn, Unique } from 'typeorm';

/**
 * An orchestrator key (`kici_ok_`): authenticates an orchestrator's `/ws` connection for one organization.
 * Revocation is soft (`revoked_at`), so connections and audit rows keep pointing at it.
 */
@Entity({ name: 'orchestrator_keys' })
@Unique('uq_orchestrator_keys_token_hash', ['tokenHash'])
@Index('ix_orchestrator_keys_org', ['orgId'])
export class OrchestratorKeyEntity {
  @PrimaryColumn({ type: 'uuid', primaryKeyConstraintName: 'pk_orchestrator_keys' })
  id!: string;

  @Column({ name: 'org_id', type: 'varchar', length: 16 })
  @ForeignKey('orgs', { name: 'fk_orchestrator_keys_org', onDelete: 'CASCADE' })
  orgId!: string;

  @Column({ type: 'varchar', length: 100 })
  name!: string;

  @Column({ type: 'varchar', length: 500, nullable: true })
  description!: string | null;

  /** Routing keys this key may register (globs); empty = any. */
  @Column({ name: 'routing_patterns', type: 'jsonb', default: () => "'[]'" })
  routingPatterns!: string[];

  @Column({ name: 'token_hash', type: 'char', length: 64 })
  tokenHash!: string;

  @Column({ name: 'token_prefix', type: 'varchar', length: 16 })
  tokenPrefix!: string;

  @Column({ name: 'created_by', type: 'uuid', nullable: true })
  @ForeignKey('users', { name: 'fk_orchestrator_keys_created_by', onDelete: 'SET NULL' })
  createdBy!: string | null;

  @Column({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;

  @Column({ name: 'last_used_at', type: 'timestamptz', nullable: true })
  lastUsedAt!: Date | null;

  @Column({ name: 'revoked_at', type: 'timestamptz', nullable: true })
  revokedAt!: Date | null;
}
