import type { IEvent } from '@nestjs/cqrs';

/** An orchestrator registered routing keys for its organization: webhooks to them may now be routable. */
export class SourcesRegisteredEvent implements IEvent {
  constructor(
    readonly orgId: string,
    readonly routingKeys: readonly string[],
  ) {}
}
