import type { Actor } from '../../../../../../shared/auth/actor.js';
import { AppCommand } from '../../../../../../shared/cqrs/app-command.js';
import type { DeliveryView } from '../../delivery-view.js';

/** Gives up on a dead or still pending delivery: it is kept for the record and never sent again. */
export class DiscardDeliveryCommand extends AppCommand<DeliveryView> {
  constructor(
    actor: Actor,
    readonly orgId: string,
    readonly endpointId: string,
    readonly deliveryId: string,
  ) {
    super(actor);
  }
}
