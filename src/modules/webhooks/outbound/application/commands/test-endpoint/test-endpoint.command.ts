import type { Actor } from '../../../../../../shared/auth/actor.js';
import { AppCommand } from '../../../../../../shared/cqrs/app-command.js';
import type { DeliveryView } from '../../delivery-view.js';

/** Queues a `ping` to one endpoint through the ordinary delivery path (outbox, signing, retries). */
export class TestEndpointCommand extends AppCommand<DeliveryView> {
  constructor(
    actor: Actor,
    readonly orgId: string,
    readonly endpointId: string,
  ) {
    super(actor);
  }
}
