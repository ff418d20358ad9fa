import { Column, Entity, ForeignKey, PrimaryColumn } from 'typeorm';

export type ForkPolicy = 'hold' | 'reject' | 'allow';
export type UnknownContributorPolicy = 'hold' | 'reject';
export type WorkflowChangePolicy = 'hold' | 'reject' | 'allow';

/** An organization's CI trust policy (platform-domain §1.14); absent row = the defaults. */
@Entity({ name: 'trust_policies' })
export class TrustPolicyEntity {
  @PrimaryColumn({ name: 'org_id', type: 'varchar', length: 16, primaryKeyConstraintName: 'pk_trust_policies' })
  @ForeignKey('orgs', { name: 'fk_trust_policies_org', onDelete: 'CASCADE' })
  orgId!: string;

  @Column({ name: 'fork_policy', type: 'varchar', length: 8 })
  forkPolicy!: ForkPolicy;

  @Column({ name: 'unknown_contributor_policy', type: 'varchar', length: 8 })
  unknownContributorPolicy!: UnknownContributorPolicy;

  @Column({ name: 'workflow_change_policy', type: 'varchar', length: 8 })
  workflowChangePolicy!: WorkflowChangePolicy;

  @Column({ name: 'approval_expiry_hours', type: 'integer' })
  approvalExpiryHours!: number;

  @Column({ name: 'updated_at', type: 'timestamptz' })
  updatedAt!: Date;
}
