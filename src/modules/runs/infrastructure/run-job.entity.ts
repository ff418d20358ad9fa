import { Column, Entity, PrimaryColumn } from 'typeorm';

/** A job of a projected run, fed by `job.status.forward` and `state.replay`. */
@Entity({ name: 'run_jobs' })
export class RunJobEntity {
  @PrimaryColumn({ name: 'org_id', type: 'varchar', length: 16, primaryKeyConstraintName: 'pk_run_jobs' })
  orgId!: string;

  @PrimaryColumn({ name: 'run_id', type: 'varchar', length: 128, primaryKeyConstraintName: 'pk_run_jobs' })
  runId!: string;

  @PrimaryColumn({ name: 'job_id', type: 'varchar', length: 128, primaryKeyConstraintName: 'pk_run_jobs' })
  jobId!: string;

  @Column({ name: 'job_name', type: 'varchar', length: 128 })
  jobName!: string;

  @Column({ type: 'varchar', length: 32 })
  status!: string;

  @Column({ name: 'started_at', type: 'timestamptz', nullable: true })
  startedAt!: Date | null;

  @Column({ name: 'completed_at', type: 'timestamptz', nullable: true })
  completedAt!: Date | null;

  @Column({ name: 'duration_ms', type: 'bigint', nullable: true })
  durationMs!: string | null;

  @Column({ name: 'error_message', type: 'varchar', length: 2000, nullable: true })
  errorMessage!: string | null;

  @Column({ name: 'agent_id', type: 'varchar', length: 128, nullable: true })
  agentId!: string | null;

  @Column({ type: 'jsonb', default: () => "'[]'" })
  environments!: string[];

  /** Matrix values, labels, log bytes, init failure. */
  @Column({ type: 'jsonb', default: () => "'{}'" })
  extra!: Record<string, unknown>;

  @Column({ name: 'last_event_at', type: 'timestamptz' })
  lastEventAt!: Date;
}
