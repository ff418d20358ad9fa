import { Column, Entity, ForeignKey, PrimaryColumn, Unique } from 'typeorm';

/** An organization: the tenant. `id` (`org_…`) is canonical; `publicAlias` (`oal_…`) is for public links. */
@Entity({ name: 'orgs' })
@Unique('uq_orgs_public_alias', ['publicAlias'])
@Unique('uq_orgs_slug', ['slug'])
export class OrgEntity {
  @PrimaryColumn({ type: 'varchar', length: 16, primaryKeyConstraintName: 'pk_orgs' })
  id!: string;

  @Column({ name: 'public_alias', type: 'varchar', length: 16 })
  publicAlias!: string;

  @Column({ name: 'display_name', type: 'varchar', length: 100 })
  displayName!: string;

  /** Readable and unique, from the name at creation; kept on rename so links stay valid. Never a route key. */
  @Column({ type: 'varchar', length: 64 })
  slug!: string;

  /** The organization every user gets on first sign-in. */
  @Column({ name: 'is_personal', type: 'boolean', default: false })
  isPersonal!: boolean;

  @Column({ name: 'created_by', type: 'uuid', nullable: true })
  @ForeignKey('users', { name: 'fk_orgs_created_by', onDelete: 'SET NULL' })
  createdBy!: string | null;

  @Column({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;

  @Column({ name: 'updated_at', type: 'timestamptz' })
  updatedAt!: Date;

  @Column({ name: 'disabled_at', type: 'timestamptz', nullable: true })
  disabledAt!: Date | null;

  /** Whether the operator's support staff may open read-only support sessions (opt-in, off by default). */
  @Column({ name: 'support_access_enabled', type: 'boolean', default: false })
  supportAccessEnabled!: boolean;
}
