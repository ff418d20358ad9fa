import type { Actor } from '../../../../../../shared/auth/actor.js';
import { AppCommand } from '../../../../../../shared/cqrs/app-command.js';

/** Removes an endpoint and its delivery history; queued attempts find nothing and stop. */
export class DeleteEndpointCommand extends AppCommand<void> {
  constructor(
    actor: Actor,
    readonly orgId: string,
    readonly endpointId: string,
  ) {
    super(actor);
  }
}
