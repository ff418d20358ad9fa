import { Column, Entity, PrimaryColumn } from 'typeorm';

/** When a run was last re-run through the Platform (the rerun cooldown). */
@Entity({ name: 'rerun_cooldowns' })
export class RerunCooldownEntity {
  @PrimaryColumn({ name: 'org_id', type: 'varchar', length: 16, primaryKeyConstraintName: 'pk_rerun_cooldowns' })
  orgId!: string;

  @PrimaryColumn({ name: 'run_id', type: 'varchar', length: 128, primaryKeyConstraintName: 'pk_rerun_cooldowns' })
  runId!: string;

  @Column({ name: 'requested_at', type: 'timestamptz' })
  requestedAt!: Date;
}
