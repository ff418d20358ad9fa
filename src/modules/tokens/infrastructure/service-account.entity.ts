import { Column, Entity, ForeignKey, PrimaryColumn, Unique } from 'typeorm';

/** A non-human member of an organization: acts through `kici_sa_` keys with the roles given to it. */
@Entity({ name: 'service_accounts' })
@Unique('uq_service_accounts_org_name', ['orgId', 'name'])
export class ServiceAccountEntity {
  @PrimaryColumn({ type: 'uuid', primaryKeyConstraintName: 'pk_service_accounts' })
  id!: string;

  @Column({ name: 'org_id', type: 'varchar', length: 16 })
  @ForeignKey('orgs', { name: 'fk_service_accounts_org', onDelete: 'CASCADE' })
  orgId!: string;

  @Column({ type: 'varchar', length: 100 })
  name!: string;

  @Column({ type: 'varchar', length: 500, nullable: true })
  description!: string | null;

  @Column({ name: 'created_by', type: 'uuid', nullable: true })
  @ForeignKey('users', { name: 'fk_service_accounts_created_by', onDelete: 'SET NULL' })
  createdBy!: string | null;

  @Column({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;
}
