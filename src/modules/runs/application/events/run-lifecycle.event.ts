import { DomainEvent, type EventOrigin } from '../../../../shared/cqrs/domain-event.js';

/** What subscribers of a run's lifecycle learn about it (from the projection row, never a secret). */
export interface RunSummary {
  readonly runId: string;
  readonly workflowName: string;
  readonly status: string;
  readonly repoIdentifier: string | null;
  readonly ref: string | null;
  readonly sha: string | null;
  readonly clusterName: string | null;
  readonly startedAt: string | null;
  readonly completedAt: string | null;
}

/**
 * A run appeared in the projection, or reached a finished state, raised once per transition inside the
 * projection's transaction (repeated or concurrent frames cannot raise it twice). Not audited: the
 * orchestrator's telemetry is not a change anyone made on the Platform.
 */
export class RunLifecycleEvent extends DomainEvent {
  constructor(
    origin: EventOrigin,
    readonly eventName: 'run.started' | 'run.succeeded' | 'run.failed' | 'run.cancelled',
    readonly run: RunSummary,
  ) {
    super(origin);
  }
}
