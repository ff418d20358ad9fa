import type { Auditable, AuditRecord } from '../../../../shared/cqrs/auditable.js';
import { DomainEvent, type EventOrigin } from '../../../../shared/cqrs/domain-event.js';

/** A user API key was created or revoked; never carries the secret. */
export class ApiKeyChangedEvent extends DomainEvent implements Auditable {
  constructor(
    origin: EventOrigin,
    readonly eventName: 'api_key.create' | 'api_key.revoke',
    readonly keyId: string,
    readonly details: Record<string, unknown>,
  ) {
    super(origin);
  }

  toAuditRecord(): AuditRecord {
    return { action: this.eventName, targetType: 'api_key', targetId: this.keyId, payload: this.details };
  }
}
