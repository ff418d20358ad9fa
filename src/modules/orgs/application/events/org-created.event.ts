import type { Auditable, AuditRecord } from '../../../../shared/cqrs/auditable.js';
import { DomainEvent, type EventOrigin } from '../../../../shared/cqrs/domain-event.js';

/** An organization was created, with `creatorUserId` as its first member and Owner (null: bootstrapped by an operator, no members yet). */
export class OrgCreatedEvent extends DomainEvent implements Auditable {
  readonly eventName = 'org.create';

  constructor(
    origin: EventOrigin,
    readonly orgId: string,
    readonly displayName: string,
    readonly isPersonal: boolean,
    readonly creatorUserId: string | null,
  ) {
    super(origin);
  }

  toAuditRecord(): AuditRecord {
    return {
      action: this.eventName,
      targetType: 'org',
      targetId: this.orgId,
      payload: { displayName: this.displayName, isPersonal: this.isPersonal, creatorUserId: this.creatorUserId },
    };
  }
}
