import type { Auditable, AuditRecord } from '../../../../shared/cqrs/auditable.js';
import { DomainEvent, type EventOrigin } from '../../../../shared/cqrs/domain-event.js';

export class OrgRenamedEvent extends DomainEvent implements Auditable {
  readonly eventName = 'org.rename';

  constructor(
    origin: EventOrigin,
    readonly orgId: string,
    readonly from: string,
    readonly to: string,
  ) {
    super(origin);
  }

  toAuditRecord(): AuditRecord {
    return { action: this.eventName, targetType: 'org', targetId: this.orgId, payload: { changes: [{ field: 'displayName', old: this.from, new: this.to }] } };
  }
}
