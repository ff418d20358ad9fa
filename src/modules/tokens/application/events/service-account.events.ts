import type { Auditable, AuditRecord } from '../../../../shared/cqrs/auditable.js';
import { DomainEvent, type EventOrigin } from '../../../../shared/cqrs/domain-event.js';

type ServiceAccountAction = 'service_account.create' | 'service_account.update' | 'service_account.delete' | 'service_account.key.create' | 'service_account.key.revoke';

/** A service account or one of its keys changed; never carries a secret. */
export class ServiceAccountChangedEvent extends DomainEvent implements Auditable {
  constructor(
    origin: EventOrigin,
    readonly eventName: ServiceAccountAction,
    readonly serviceAccountId: string,
    readonly details: Record<string, unknown>,
  ) {
    super(origin);
  }

  toAuditRecord(): AuditRecord {
    return { action: this.eventName, targetType: 'service_account', targetId: this.serviceAccountId, payload: this.details };
  }
}
