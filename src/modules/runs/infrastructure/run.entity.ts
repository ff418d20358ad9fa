import { Column, Entity, ForeignKey, Index, PrimaryColumn } from 'typeorm';

/**
 * The Platform's projection of a run, fed by `execution.status` and `state.replay` (orchestrator-protocol
 * §2.7). `last_event_at` is the orchestrator's timestamp of the newest applied frame: older frames never
 * overwrite newer ones, and a terminal status never goes back.
 */
@Entity({ name: 'runs' })
@Index('ix_runs_org_started', ['orgId', 'startedAt'])
// The list's default order (started_at DESC NULLS LAST, run_id): TypeORM cannot declare a column's order, the migration does.
@Index('ix_runs_org_recent', { synchronize: false })
export class RunEntity {
  @PrimaryColumn({ name: 'org_id', type: 'varchar', length: 16, primaryKeyConstraintName: 'pk_runs' })
  @ForeignKey('orgs', { name: 'fk_runs_org', onDelete: 'CASCADE' })
  orgId!: string;

  @PrimaryColumn({ name: 'run_id', type: 'varchar', length: 128, primaryKeyConstraintName: 'pk_runs' })
  runId!: string;

  @Column({ name: 'workflow_name', type: 'varchar', length: 128 })
  workflowName!: string;

  @Column({ type: 'varchar', length: 16 })
  status!: string;

  @Column({ name: 'repo_identifier', type: 'varchar', length: 256, nullable: true })
  repoIdentifier!: string | null;

  @Column({ name: 'repo_provider', type: 'varchar', length: 128, nullable: true })
  repoProvider!: string | null;

  @Column({ name: 'local_working_tree', type: 'boolean', default: false })
  localWorkingTree!: boolean;

  @Column({ type: 'varchar', length: 128, nullable: true })
  sha!: string | null;

  @Column({ type: 'varchar', length: 128, nullable: true })
  ref!: string | null;

  @Column({ name: 'trigger_event', type: 'varchar', length: 128, nullable: true })
  triggerEvent!: string | null;

  @Column({ name: 'commit_message', type: 'varchar', length: 2000, nullable: true })
  commitMessage!: string | null;

  @Column({ name: 'job_count', type: 'integer', nullable: true })
  jobCount!: number | null;

  @Column({ name: 'started_at', type: 'timestamptz' })
  startedAt!: Date;

  @Column({ name: 'completed_at', type: 'timestamptz', nullable: true })
  completedAt!: Date | null;

  @Column({ name: 'duration_ms', type: 'bigint', nullable: true })
  durationMs!: string | null;

  @Column({ name: 'parent_run_id', type: 'varchar', length: 128, nullable: true })
  parentRunId!: string | null;

  @Column({ name: 'original_run_id', type: 'varchar', length: 128, nullable: true })
  originalRunId!: string | null;

  @Column({ name: 'triggered_by', type: 'varchar', length: 128, nullable: true })
  triggeredBy!: string | null;

  @Column({ name: 'cancelled_by', type: 'varchar', length: 128, nullable: true })
  cancelledBy!: string | null;

  @Column({ name: 'failure_reason', type: 'varchar', length: 2000, nullable: true })
  failureReason!: string | null;

  @Column({ name: 'routing_key', type: 'varchar', length: 255, nullable: true })
  routingKey!: string | null;

  /** Cluster that reported the run: run-scoped proxy requests go there. */
  @Column({ name: 'cluster_name', type: 'varchar', length: 63, nullable: true })
  clusterName!: string | null;

  /** Everything else the orchestrator said (trigger actor, log bytes, init failure). */
  @Column({ type: 'jsonb', default: () => "'{}'" })
  extra!: Record<string, unknown>;

  @Column({ name: 'last_event_at', type: 'timestamptz' })
  lastEventAt!: Date;
}
