import type { IEvent } from '@nestjs/cqrs';

/** An orchestrator connection dropped routing keys: webhooks to them no longer go to it. */
export class SourcesDeregisteredEvent implements IEvent {
  constructor(
    readonly orgId: string,
    readonly routingKeys: readonly string[],
  ) {}
}
