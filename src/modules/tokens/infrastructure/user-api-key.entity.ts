import { Column, Entity, ForeignKey, Index, PrimaryColumn, Unique } from 'typeorm';
import type { PermissionMatrix } from '../../../shared/auth/permissions.js';

/**
 * A user API key (`kici_sk_`) of one organization. Tied to its creator's membership: when they leave or
 * are removed, the key goes too (composite foreign key).
 */
@Entity({ name: 'user_api_keys' })
@Unique('uq_user_api_keys_token_hash', ['tokenHash'])
@Index('ix_user_api_keys_org', ['orgId'])
@ForeignKey('org_members', ['orgId', 'createdBy'], ['orgId', 'userId'], { name: 'fk_user_api_keys_creator_membership', onDelete: 'CASCADE' })
export class UserApiKeyEntity {
  @PrimaryColumn({ type: 'uuid', primaryKeyConstraintName: 'pk_user_api_keys' })
  id!: string;

  @Column({ name: 'org_id', type: 'varchar', length: 16 })
  orgId!: string;

  @Column({ name: 'created_by', type: 'uuid' })
  createdBy!: string;

  @Column({ type: 'varchar', length: 100 })
  name!: string;

  @Column({ type: 'varchar', length: 500, nullable: true })
  description!: string | null;

  @Column({ type: 'jsonb' })
  permissions!: PermissionMatrix;

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
