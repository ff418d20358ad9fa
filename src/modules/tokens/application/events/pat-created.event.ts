import type { Auditable, AuditRecord } from '../../../../shared/cqrs/auditable.js';
import { DomainEvent, type EventOrigin } from '../../../../shared/cqrs/domain-event.js';
import type { PersonalAccessTokenEntity } from '../../infrastructure/personal-access-token.entity.js';

export class PatCreatedEvent extends DomainEvent implements Auditable {
  readonly eventName = 'pat.create';

  constructor(
    origin: EventOrigin,
    readonly pat: Pick<PersonalAccessTokenEntity, 'id' | 'userId' | 'name' | 'kind' | 'agentLabel' | 'tokenPrefix' | 'scopes' | 'expiresAt'>,
  ) {
    super(origin);
  }

  toAuditRecord(): AuditRecord {
    const { id, userId, name, kind, agentLabel, tokenPrefix, scopes, expiresAt } = this.pat;
    return {
      action: this.eventName,
      targetType: 'pat',
      targetId: id,
      payload: { userId, name, kind, agentLabel, tokenPrefix, scopes, expiresAt: expiresAt.toISOString() },
    };
  }
}
