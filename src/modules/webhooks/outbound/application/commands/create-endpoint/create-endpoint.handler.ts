import { Inject } from '@nestjs/common';
import { CommandHandler } from '@nestjs/cqrs';
import { TransactionalCommandHandler } from '../../../../../../shared/cqrs/transactional-command-handler.js';
import { SecretBox } from '../../../../../../shared/crypto/secret-box.js';
import { uuidv7 } from '../../../../../../shared/ids/uuid-v7.js';
import { generateSigningSecret } from '../../../domain/webhook-signature.js';
import { WebhookEndpointEntity } from '../../../infrastructure/webhook-endpoint.entity.js';
import { toEndpointView, type EndpointView } from '../../endpoint-view.js';
import { WebhookEndpointChangedEvent } from '../../events/webhook-endpoint.events.js';
import { TargetCheck } from '../../target-check.js';
import { CreateEndpointCommand } from './create-endpoint.command.js';

@CommandHandler(CreateEndpointCommand)
export class CreateEndpointHandler extends TransactionalCommandHandler<CreateEndpointCommand, EndpointView & { secret: string }> {
  constructor(
    private readonly targets: TargetCheck,
    @Inject(SecretBox) private readonly box: SecretBox,
  ) {
    super();
  }

  protected async handle({ actor, orgId, endpoint }: CreateEndpointCommand): Promise<EndpointView & { secret: string }> {
    await this.targets.assertAllowed(endpoint.url);
    const secret = generateSigningSecret();
    const now = new Date();
    const row: WebhookEndpointEntity = {
      id: uuidv7(),
      orgId,
      url: endpoint.url,
      description: endpoint.description,
      eventTypes: endpoint.eventTypes,
      enabled: endpoint.enabled,
      disabledReason: null,
      secretEncrypted: this.box.seal(secret),
      previousSecretEncrypted: null,
      previousSecretExpiresAt: null,
      consecutiveDead: 0,
      createdBy: actor.id,
      createdAt: now,
      updatedAt: now,
    };
    await this.uow.manager.insert(WebhookEndpointEntity, row);
    this.uow.raise(
      new WebhookEndpointChangedEvent({ actor, orgId }, 'webhook_endpoint.create', row.id, { url: row.url, eventTypes: row.eventTypes, enabled: row.enabled }),
    );
    return { ...toEndpointView(row), secret };
  }
}
