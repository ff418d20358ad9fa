import { Column, Entity, PrimaryColumn } from 'typeorm';

/** A step of a projected job, fed by `step.status.forward` (for live views and an offline fallback). */
@Entity({ name: 'run_steps' })
export class RunStepEntity {
  @PrimaryColumn({ name: 'org_id', type: 'varchar', length: 16, primaryKeyConstraintName: 'pk_run_steps' })
  orgId!: string;

  @PrimaryColumn({ name: 'run_id', type: 'varchar', length: 128, primaryKeyConstraintName: 'pk_run_steps' })
  runId!: string;

  @PrimaryColumn({ name: 'job_id', type: 'varchar', length: 128, primaryKeyConstraintName: 'pk_run_steps' })
  jobId!: string;

  @PrimaryColumn({ name: 'step_index', type: 'integer', primaryKeyConstraintName: 'pk_run_steps' })
  stepIndex!: number;

  @Column({ name: 'step_name', type: 'varchar', length: 256 })
  stepName!: string;

  @Column({ type: 'varchar', length: 16 })
  state!: string;

  @Column({ type: 'jsonb', default: () => "'{}'" })
  data!: Record<string, unknown>;

  @Column({ name: 'last_event_at', type: 'timestamptz' })
  lastEventAt!: Date;
}
