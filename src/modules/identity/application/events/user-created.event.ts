import type { Auditable, AuditRecord } from '../../../../shared/cqrs/auditable.js';
import { DomainEvent, type EventOrigin } from '../../../../shared/cqrs/domain-event.js';
import type { UserEntity } from '../../infrastructure/user.entity.js';

/**
 * A person signed in for the first time. Modules that give new users something of their own (the personal
 * organization) subscribe to it with a blocking handler, so it exists as soon as the user does.
 */
export class UserCreatedEvent extends DomainEvent implements Auditable {
  readonly eventName = 'user.create';

  constructor(
    origin: EventOrigin,
    readonly user: Pick<UserEntity, 'id' | 'issuer' | 'subject' | 'email' | 'displayName'>,
  ) {
    super(origin);
  }

  toAuditRecord(): AuditRecord {
    const { id, issuer, subject, email, displayName } = this.user;
    return { action: this.eventName, targetType: 'user', targetId: id, payload: { issuer, subject, email, displayName } };
  }
}
