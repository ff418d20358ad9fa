import type { Auditable, AuditRecord } from '../../../../shared/cqrs/auditable.js';
import { DomainEvent, type EventOrigin } from '../../../../shared/cqrs/domain-event.js';

/** A request presented credentials that did not authenticate. Holds the reason, never the credential. */
export class AuthenticationFailedEvent extends DomainEvent implements Auditable {
  readonly eventName = 'auth.failure';

  constructor(
    origin: EventOrigin,
    readonly reason: string,
    readonly credential: string,
  ) {
    super(origin);
  }

  toAuditRecord(): AuditRecord {
    return { action: this.eventName, targetType: 'credential', targetId: null, payload: { reason: this.reason, credential: this.credential } };
  }
}
