import type { Auditable, AuditRecord } from '../../../../shared/cqrs/auditable.js';
import { DomainEvent, type EventOrigin } from '../../../../shared/cqrs/domain-event.js';

export class PatRevokedEvent extends DomainEvent implements Auditable {
  readonly eventName = 'pat.revoke';

  constructor(
    origin: EventOrigin,
    readonly patId: string,
    readonly userId: string,
    readonly tokenPrefix: string,
  ) {
    super(origin);
  }

  toAuditRecord(): AuditRecord {
    return { action: this.eventName, targetType: 'pat', targetId: this.patId, payload: { userId: this.userId, tokenPrefix: this.tokenPrefix } };
  }
}
