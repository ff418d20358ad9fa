import { Column, Entity, ForeignKey, Index, PrimaryColumn } from 'typeorm';

/** A role given to a service account. */
@Entity({ name: 'service_account_roles' })
@Index('ix_service_account_roles_role', ['roleId'])
export class ServiceAccountRoleEntity {
  @PrimaryColumn({ name: 'service_account_id', type: 'uuid', primaryKeyConstraintName: 'pk_service_account_roles' })
  @ForeignKey('service_accounts', { name: 'fk_service_account_roles_account', onDelete: 'CASCADE' })
  serviceAccountId!: string;

  @PrimaryColumn({ name: 'role_id', type: 'uuid', primaryKeyConstraintName: 'pk_service_account_roles' })
  @ForeignKey('roles', { name: 'fk_service_account_roles_role', onDelete: 'CASCADE' })
  roleId!: string;

  @Column({ name: 'org_id', type: 'varchar', length: 16 })
  orgId!: string;

  @Column({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;
}
