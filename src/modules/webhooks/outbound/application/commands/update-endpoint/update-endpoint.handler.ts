import { CommandHandler } from '@nestjs/cqrs';
import { TransactionalCommandHandler } from '../../../../../../shared/cqrs/transactional-command-handler.js';
import type { WebhookEndpointEntity } from '../../../infrastructure/webhook-endpoint.entity.js';
import { lockedEndpoint } from '../../endpoint-lookup.js';
import { toEndpointView, type EndpointView } from '../../endpoint-view.js';
import { WebhookEndpointChangedEvent } from '../../events/webhook-endpoint.events.js';
import { TargetCheck } from '../../target-check.js';
import { UpdateEndpointCommand } from './update-endpoint.command.js';

@CommandHandler(UpdateEndpointCommand)
export class UpdateEndpointHandler extends TransactionalCommandHandler<UpdateEndpointCommand, EndpointView> {
  constructor(private readonly targets: TargetCheck) {
    super();
  }

  protected async handle({ actor, orgId, endpointId, changes }: UpdateEndpointCommand): Promise<EndpointView> {
    const endpoint = await lockedEndpoint(this.uow.manager, orgId, endpointId);
    if (changes.url !== undefined) await this.targets.assertAllowed(changes.url);
    const updated: WebhookEndpointEntity = {
      ...endpoint,
      url: changes.url ?? endpoint.url,
      description: changes.description !== undefined ? changes.description : endpoint.description,
      eventTypes: changes.eventTypes ?? endpoint.eventTypes,
      enabled: changes.enabled ?? endpoint.enabled,
      updatedAt: new Date(),
    };
    if (changes.enabled === true) {
      updated.disabledReason = null;
      updated.consecutiveDead = 0;
    }
    if (changes.enabled === false && endpoint.enabled) updated.disabledReason = 'Disabled by a user';
    // Plain SQL for the same reason as `lockedEndpoint`; the jsonb list goes as its JSON text.
    await this.uow.manager.query(
      `UPDATE webhook_endpoints
          SET url = $2, description = $3, event_types = $4::jsonb, enabled = $5, disabled_reason = $6, consecutive_dead = $7, updated_at = $8
        WHERE id = $1`,
      [
        endpoint.id,
        updated.url,
        updated.description,
        JSON.stringify(updated.eventTypes),
        updated.enabled,
        updated.disabledReason,
        updated.consecutiveDead,
        updated.updatedAt,
      ],
    );
    this.uow.raise(new WebhookEndpointChangedEvent({ actor, orgId }, 'webhook_endpoint.update', endpoint.id, { changed: Object.keys(changes).sort(), ...changes }));
    return toEndpointView(updated);
  }
}
