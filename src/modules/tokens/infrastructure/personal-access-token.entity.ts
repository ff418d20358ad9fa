import { Column, Entity, ForeignKey, Index, PrimaryColumn, Unique } from 'typeorm';
import type { PermissionMatrix } from '../../../shared/auth/permissions.js';

export type PatKind = 'user' | 'agent';

/** A personal access token (`kici_pat_`). Only the SHA-256 of the token is kept. */
@Entity({ name: 'personal_access_tokens' })
@Unique('uq_personal_access_tokens_token_hash', ['tokenHash'])
@Index('ix_personal_access_tokens_user', ['userId'])
export class PersonalAccessTokenEntity {
  @PrimaryColumn({ type: 'uuid', primaryKeyConstraintName: 'pk_personal_access_tokens' })
  id!: string;

  /** References `users` by table name: entities of other modules are not imported here. */
  @Column({ name: 'user_id', type: 'uuid' })
  @ForeignKey('users', { name: 'fk_personal_access_tokens_user', onDelete: 'CASCADE' })
  userId!: string;

  @Column({ type: 'varchar', length: 100 })
  name!: string;

  @Column({ type: 'varchar', length: 8 })
  kind!: PatKind;

  @Column({ name: 'agent_label', type: 'varchar', length: 100, nullable: true })
  agentLabel!: string | null;

  @Column({ name: 'token_hash', type: 'char', length: 64 })
  tokenHash!: string;

  @Column({ name: 'token_prefix', type: 'varchar', length: 16 })
  tokenPrefix!: string;

  /** Optional cap on what the token may do, per resource; null = the user's full permissions. */
  @Column({ type: 'jsonb', nullable: true })
  scopes!: PermissionMatrix | null;

  @Column({ name: 'expires_at', type: 'timestamptz' })
  expiresAt!: Date;

  @Column({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;

  @Column({ name: 'last_used_at', type: 'timestamptz', nullable: true })
  lastUsedAt!: Date | null;

  @Column({ name: 'revoked_at', type: 'timestamptz', nullable: true })
  revokedAt!: Date | null;
}
