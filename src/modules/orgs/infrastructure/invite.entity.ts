import { Column, Entity, ForeignKey, Index, PrimaryColumn } from 'typeorm';

export type InviteStatus = 'pending' | 'accepted' | 'declined' | 'revoked';

/** An invitation of an email address into an organization with a set of its roles. */
@Entity({ name: 'invites' })
@Index('ix_invites_org', ['orgId'])
@Index('ix_invites_email_status', ['email', 'status'])
export class InviteEntity {
  @PrimaryColumn({ type: 'uuid', primaryKeyConstraintName: 'pk_invites' })
  id!: string;

  @Column({ name: 'org_id', type: 'varchar', length: 16 })
  @ForeignKey('orgs', { name: 'fk_invites_org', onDelete: 'CASCADE' })
  orgId!: string;

  /** Lower-cased; matched against the invitee's verified email. */
  @Column({ type: 'varchar', length: 320 })
  email!: string;

  @Column({ name: 'role_ids', type: 'jsonb' })
  roleIds!: string[];

  @Column({ name: 'invited_by', type: 'uuid', nullable: true })
  @ForeignKey('users', { name: 'fk_invites_invited_by', onDelete: 'SET NULL' })
  invitedBy!: string | null;

  @Column({ type: 'varchar', length: 16 })
  status!: InviteStatus;

  @Column({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;

  @Column({ name: 'expires_at', type: 'timestamptz' })
  expiresAt!: Date;

  @Column({ name: 'responded_at', type: 'timestamptz', nullable: true })
  respondedAt!: Date | null;
}
