import { Check, Column, Entity, Index, PrimaryColumn, Unique } from 'typeorm';

/**
 * One row of the append-only audit log; rows of a chain (an org, or the Platform) are hash-linked by `seq`.
 * A row is inserted unsealed (`seq`, `prevHash`, `hash` null) in its mutation's transaction and sealed into
 * its chain after commit (`AuditChainSealer`); sealing is the only UPDATE the table's trigger allows.
 */
@Entity({ name: 'audit_events' })
@Unique('uq_audit_events_chain_seq', ['chainKey', 'seq'])
@Index('ix_audit_events_org_occurred', ['orgId', 'occurredAt'])
@Index('ix_audit_events_unsealed', ['chainKey', 'id'], { where: '"seq" IS NULL' })
@Check(
  'ck_audit_events_sealed_whole',
  '("seq" IS NULL AND "prev_hash" IS NULL AND "hash" IS NULL) OR ("seq" IS NOT NULL AND "prev_hash" IS NOT NULL AND "hash" IS NOT NULL)',
)
export class AuditEventEntity {
  @PrimaryColumn({ type: 'uuid', primaryKeyConstraintName: 'pk_audit_events' })
  id!: string;

  @Column({ name: 'org_id', type: 'varchar', length: 16, nullable: true })
  orgId!: string | null;

  /** The org id, or `platform` for events outside any org. */
  @Column({ name: 'chain_key', type: 'varchar', length: 16 })
  chainKey!: string;

  /** Position in the chain, from 1, or null until sealed. bigint arrives as a string from `pg`. */
  @Column({ type: 'bigint', nullable: true })
  seq!: string | null;

  @Column({ name: 'occurred_at', type: 'timestamptz' })
  occurredAt!: Date;

  @Column({ name: 'actor_type', type: 'varchar', length: 32 })
  actorType!: string;

  @Column({ name: 'actor_id', type: 'varchar', length: 255 })
  actorId!: string;

  @Column({ name: 'actor_display', type: 'varchar', length: 320, nullable: true })
  actorDisplay!: string | null;

  @Column({ type: 'varchar', length: 100 })
  action!: string;

  @Column({ name: 'target_type', type: 'varchar', length: 64 })
  targetType!: string;

  @Column({ name: 'target_id', type: 'varchar', length: 255, nullable: true })
  targetId!: string | null;

  @Column({ name: 'request_id', type: 'varchar', length: 128, nullable: true })
  requestId!: string | null;

  @Column({ type: 'varchar', length: 64, nullable: true })
  ip!: string | null;

  @Column({ name: 'user_agent', type: 'varchar', length: 512, nullable: true })
  userAgent!: string | null;

  @Column({ type: 'jsonb', default: () => "'{}'" })
  payload!: Record<string, unknown>;

  /** The hash of the row before in the chain (zeros for the first); null until sealed. */
  @Column({ name: 'prev_hash', type: 'char', length: 64, nullable: true })
  prevHash!: string | null;

  /** `hashAuditRow` of this row's content as stored; null until sealed. */
  @Column({ type: 'char', length: 64, nullable: true })
  hash!: string | null;
}
