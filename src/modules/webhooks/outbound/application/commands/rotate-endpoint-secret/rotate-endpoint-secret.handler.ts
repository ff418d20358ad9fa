import { Inject } from '@nestjs/common';
import { CommandHandler } from '@nestjs/cqrs';
import { TransactionalCommandHandler } from '../../../../../../shared/cqrs/transactional-command-handler.js';
import { SecretBox } from '../../../../../../shared/crypto/secret-box.js';
import { generateSigningSecret } from '../../../domain/webhook-signature.js';
import { WebhookEndpointEntity } from '../../../infrastructure/webhook-endpoint.entity.js';
import { lockedEndpoint } from '../../endpoint-lookup.js';
import { toEndpointView, type EndpointView } from '../../endpoint-view.js';
import { WebhookEndpointChangedEvent } from '../../events/webhook-endpoint.events.js';
import { RotateEndpointSecretCommand } from './rotate-endpoint-secret.command.js';

@CommandHandler(RotateEndpointSecretCommand)
export class RotateEndpointSecretHandler extends TransactionalCommandHandler<RotateEndpointSecretCommand, EndpointView & { secret: string }> {
  constructor(@Inject(SecretBox) private readonly box: SecretBox) {
    super();
  }

  protected async handle({ actor, orgId, endpointId, overlapSeconds }: RotateEndpointSecretCommand): Promise<EndpointView & { secret: string }> {
    const endpoint = await lockedEndpoint(this.uow.manager, orgId, endpointId);
    const secret = generateSigningSecret();
    const now = new Date();
    const changes = {
      secretEncrypted: this.box.seal(secret),
      // Only the secret being replaced overlaps; one still overlapping from an earlier rotation is dropped.
      previousSecretEncrypted: overlapSeconds > 0 ? endpoint.secretEncrypted : null,
      previousSecretExpiresAt: overlapSeconds > 0 ? new Date(now.getTime() + overlapSeconds * 1000) : null,
      updatedAt: now,
    };
    await this.uow.manager.update(WebhookEndpointEntity, { id: endpoint.id }, changes);
    this.uow.raise(new WebhookEndpointChangedEvent({ actor, orgId }, 'webhook_endpoint.secret.rotate', endpoint.id, { overlapSeconds }));
    return { ...toEndpointView({ ...endpoint, ...changes }), secret };
  }
}
