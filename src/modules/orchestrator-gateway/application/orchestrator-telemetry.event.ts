import type { IEvent } from '@nestjs/cqrs';

/** Which session a telemetry frame came from: the tenant is the session's, never the frame's. */
export interface TelemetrySource {
  readonly orgId: string;
  readonly connectionId: string;
  readonly clusterName: string | null;
  readonly routingKeys: readonly string[];
}

/**
 * An execution-telemetry frame (`execution.status`, `job.status.forward`, `step.status.forward`,
 * `state.replay`) from an authenticated orchestrator, handed to whoever keeps a projection of it. Not a
 * domain event: nothing is audited, nothing is in a transaction yet.
 */
export class OrchestratorTelemetryEvent implements IEvent {
  constructor(
    readonly source: TelemetrySource,
    readonly frame: { type: string } & Record<string, unknown>,
  ) {}
}

export const TELEMETRY_TYPES = new Set(['execution.status', 'job.status.forward', 'step.status.forward', 'state.replay', 'run.event']);
