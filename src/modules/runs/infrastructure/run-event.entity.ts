import { Column, Entity, Index, PrimaryColumn } from 'typeorm';

/** One entry of a run's infrastructure timeline (`run.event`), kept once however often it is re-sent. */
@Entity({ name: 'run_events' })
@Index('ix_run_events_run_time', ['orgId', 'runId', 'occurredAt'])
export class RunEventEntity {
  @PrimaryColumn({ name: 'org_id', type: 'varchar', length: 16, primaryKeyConstraintName: 'pk_run_events' })
  orgId!: string;

  @PrimaryColumn({ name: 'run_id', type: 'varchar', length: 128, primaryKeyConstraintName: 'pk_run_events' })
  runId!: string;

  /** SHA-256 of the frame's canonical JSON: a re-sent event (buffer flush after a reconnect) is the same row. */
  @PrimaryColumn({ name: 'dedupe_key', type: 'varchar', length: 64, primaryKeyConstraintName: 'pk_run_events' })
  dedupeKey!: string;

  @Column({ name: 'event_type', type: 'varchar', length: 128 })
  eventType!: string;

  @Column({ name: 'occurred_at', type: 'timestamptz' })
  occurredAt!: Date;

  @Column({ name: 'source_service', type: 'varchar', length: 16 })
  sourceService!: string;

  @Column({ name: 'job_id', type: 'varchar', length: 128, nullable: true })
  jobId!: string | null;

  @Column({ name: 'step_index', type: 'integer', nullable: true })
  stepIndex!: number | null;

  @Column({ name: 'duration_ms', type: 'double precision', nullable: true })
  durationMs!: number | null;

  @Column({ name: 'trace_id', type: 'varchar', length: 64, nullable: true })
  traceId!: string | null;

  @Column({ name: 'span_id', type: 'varchar', length: 64, nullable: true })
  spanId!: string | null;

  @Column({ name: 'parent_span_id', type: 'varchar', length: 64, nullable: true })
  parentSpanId!: string | null;

  @Column({ type: 'jsonb', default: () => "'{}'" })
  metadata!: Record<string, unknown>;
}
