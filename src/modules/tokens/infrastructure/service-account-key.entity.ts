import { Column, Entity, ForeignKey, Index, PrimaryColumn, Unique } from 'typeorm';

/** A key (`kici_sa_`) of a service account; deleted with it. */
@Entity({ name: 'service_account_keys' })
@Unique('uq_service_account_keys_token_hash', ['tokenHash'])
@Index('ix_service_account_keys_account', ['serviceAccountId'])
export class ServiceAccountKeyEntity {
  @PrimaryColumn({ type: 'uuid', primaryKeyConstraintName: 'pk_service_account_keys' })
  id!: string;

  @Column({ name: 'org_id', type: 'varchar', length: 16 })
  orgId!: string;

  @Column({ name: 'service_account_id', type: 'uuid' })
  @ForeignKey('service_accounts', { name: 'fk_service_account_keys_account', onDelete: 'CASCADE' })
  serviceAccountId!: string;

  @Column({ name: 'token_hash', type: 'char', length: 64 })
  tokenHash!: string;

  @Column({ name: 'token_prefix', type: 'varchar', length: 16 })
  tokenPrefix!: string;

  @Column({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;

  @Column({ name: 'last_used_at', type: 'timestamptz', nullable: true })
  lastUsedAt!: Date | null;

  @Column({ name: 'revoked_at', type: 'timestamptz', nullable: true })
  revokedAt!: Date | null;
}
