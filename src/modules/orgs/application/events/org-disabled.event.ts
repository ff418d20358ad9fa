import type { Auditable, AuditRecord } from '../../../../shared/cqrs/auditable.js';
import { DomainEvent, type EventOrigin } from '../../../../shared/cqrs/domain-event.js';

export class OrgDisabledEvent extends DomainEvent implements Auditable {
  readonly eventName = 'org.disable';

  constructor(
    origin: EventOrigin,
    readonly orgId: string,
    readonly disabledAt: Date,
  ) {
    super(origin);
  }

  toAuditRecord(): AuditRecord {
    return { action: this.eventName, targetType: 'org', targetId: this.orgId, payload: { disabledAt: this.disabledAt.toISOString() } };
  }
}
