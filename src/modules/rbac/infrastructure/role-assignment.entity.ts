import { Column, Entity, ForeignKey, Index, PrimaryColumn } from 'typeorm';

/** A role held by a member. Removing the membership removes its assignments (composite foreign key). */
@Entity({ name: 'role_assignments' })
@Index('ix_role_assignments_role', ['roleId'])
@ForeignKey('org_members', ['orgId', 'userId'], ['orgId', 'userId'], { name: 'fk_role_assignments_member', onDelete: 'CASCADE' })
export class RoleAssignmentEntity {
  @PrimaryColumn({ name: 'org_id', type: 'varchar', length: 16, primaryKeyConstraintName: 'pk_role_assignments' })
  orgId!: string;

  @PrimaryColumn({ name: 'user_id', type: 'uuid', primaryKeyConstraintName: 'pk_role_assignments' })
  userId!: string;

  @PrimaryColumn({ name: 'role_id', type: 'uuid', primaryKeyConstraintName: 'pk_role_assignments' })
  @ForeignKey('roles', { name: 'fk_role_assignments_role', onDelete: 'CASCADE' })
  roleId!: string;

  @Column({ name: 'assigned_by', type: 'uuid', nullable: true })
  assignedBy!: string | null;

  @Column({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;
}
