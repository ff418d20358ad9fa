import { Column, Entity, ForeignKey, PrimaryColumn, Unique } from 'typeorm';
import type { PermissionMatrix } from '../../../shared/auth/permissions.js';

/** A named permission matrix of one organization. The built-in Owner role has `isOwner` and is immutable. */
@Entity({ name: 'roles' })
@Unique('uq_roles_org_name', ['orgId', 'name'])
export class RoleEntity {
  @PrimaryColumn({ type: 'uuid', primaryKeyConstraintName: 'pk_roles' })
  id!: string;

  @Column({ name: 'org_id', type: 'varchar', length: 16 })
  @ForeignKey('orgs', { name: 'fk_roles_org', onDelete: 'CASCADE' })
  orgId!: string;

  @Column({ type: 'varchar', length: 100 })
  name!: string;

  @Column({ type: 'varchar', length: 500, nullable: true })
  description!: string | null;

  @Column({ type: 'jsonb' })
  permissions!: PermissionMatrix;

  /** picomatch globs limiting runs, workflows and secrets to matching repositories. */
  @Column({ name: 'repo_patterns', type: 'jsonb', default: () => `'["*"]'` })
  repoPatterns!: string[];

  @Column({ name: 'is_owner', type: 'boolean', default: false })
  isOwner!: boolean;

  @Column({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;

  @Column({ name: 'updated_at', type: 'timestamptz' })
  updatedAt!: Date;
}
