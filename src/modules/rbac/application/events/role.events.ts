import type { Auditable, AuditRecord } from '../../../../shared/cqrs/auditable.js';
import { DomainEvent, type EventOrigin } from '../../../../shared/cqrs/domain-event.js';

/** Role lifecycle and assignment events; each leaves one audit row in the organization's chain. */
abstract class RoleEvent extends DomainEvent implements Auditable {
  protected constructor(
    origin: EventOrigin,
    readonly roleId: string,
    readonly details: Record<string, unknown>,
  ) {
    super(origin);
  }

  toAuditRecord(): AuditRecord {
    return { action: this.eventName, targetType: 'role', targetId: this.roleId, payload: this.details };
  }
}

export class RoleCreatedEvent extends RoleEvent {
  readonly eventName = 'role.create';
  constructor(origin: EventOrigin, roleId: string, details: Record<string, unknown>) {
    super(origin, roleId, details);
  }
}

export class RoleUpdatedEvent extends RoleEvent {
  readonly eventName = 'role.update';
  constructor(origin: EventOrigin, roleId: string, details: Record<string, unknown>) {
    super(origin, roleId, details);
  }
}

export class RoleDeletedEvent extends RoleEvent {
  readonly eventName = 'role.delete';
  constructor(origin: EventOrigin, roleId: string, details: Record<string, unknown>) {
    super(origin, roleId, details);
  }
}

export class RoleAssignedEvent extends RoleEvent {
  readonly eventName = 'role.assigned';
  constructor(origin: EventOrigin, roleId: string, details: Record<string, unknown>) {
    super(origin, roleId, details);
  }
}

export class RoleUnassignedEvent extends RoleEvent {
  readonly eventName = 'role.unassigned';
  constructor(origin: EventOrigin, roleId: string, details: Record<string, unknown>) {
    super(origin, roleId, details);
  }
}
