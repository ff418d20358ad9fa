import { Inject } from '@nestjs/common';
import { CommandHandler } from '@nestjs/cqrs';
import { APP_CONFIG, type AppConfig } from '../../../../../config/app-config.js';
import { TransactionalCommandHandler } from '../../../../../shared/cqrs/transactional-command-handler.js';
import { DomainError } from '../../../../../shared/errors/domain-error.js';
import { uuidv7 } from '../../../../../shared/ids/uuid-v7.js';
import { displayPrefix, generateToken, hashToken } from '../../../domain/token-format.js';
import { PersonalAccessTokenEntity } from '../../../infrastructure/personal-access-token.entity.js';
import { PatCreatedEvent } from '../../events/pat-created.event.js';
import { CreatePatCommand, type CreatedPat } from './create-pat.command.js';

const DAY_MS = 86_400_000;

@CommandHandler(CreatePatCommand)
export class CreatePatHandler extends TransactionalCommandHandler<CreatePatCommand, CreatedPat> {
  constructor(@Inject(APP_CONFIG) private readonly config: AppConfig) {
    super();
  }

  protected async handle({ actor, userId, request }: CreatePatCommand): Promise<CreatedPat> {
    const days = request.expiresInDays ?? this.config.pats.defaultTtlDays;
    if (days > this.config.pats.maxTtlDays) {
      throw new DomainError('HTTP.VALIDATION_FAILED', `expiresInDays may be at most ${this.config.pats.maxTtlDays}`, {
        fields: [{ path: 'expiresInDays', message: `must be at most ${this.config.pats.maxTtlDays}` }],
      });
    }
    const token = generateToken('pat');
    const now = new Date();
    const pat = this.uow.manager.create(PersonalAccessTokenEntity, {
      id: uuidv7(),
      userId,
      name: request.name,
      kind: request.kind,
      agentLabel: request.kind === 'agent' ? request.agentLabel : null,
      tokenHash: hashToken(token),
      tokenPrefix: displayPrefix(token),
      scopes: request.scopes,
      expiresAt: new Date(now.getTime() + days * DAY_MS),
      createdAt: now,
      lastUsedAt: null,
      revokedAt: null,
    });
    await this.uow.manager.insert(PersonalAccessTokenEntity, pat);
    this.uow.raise(new PatCreatedEvent({ actor, orgId: null }, pat));
    return { id: pat.id, token, name: pat.name, expiresAt: pat.expiresAt.toISOString() };
  }
}
