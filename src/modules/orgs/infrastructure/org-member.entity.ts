import { Column, Entity, ForeignKey, Index, PrimaryColumn } from 'typeorm';

/** A user's membership of an organization. What they may do there comes from their roles (Rbac). */
@Entity({ name: 'org_members' })
@Index('ix_org_members_user', ['userId'])
export class OrgMemberEntity {
  @PrimaryColumn({ name: 'org_id', type: 'varchar', length: 16, primaryKeyConstraintName: 'pk_org_members' })
  @ForeignKey('orgs', { name: 'fk_org_members_org', onDelete: 'CASCADE' })
  orgId!: string;

  @PrimaryColumn({ name: 'user_id', type: 'uuid', primaryKeyConstraintName: 'pk_org_members' })
  @ForeignKey('users', { name: 'fk_org_members_user', onDelete: 'CASCADE' })
  userId!: string;

  @Column({ name: 'joined_at', type: 'timestamptz' })
  joinedAt!: Date;

  @Column({ name: 'suspended_at', type: 'timestamptz', nullable: true })
  suspendedAt!: Date | null;
}
