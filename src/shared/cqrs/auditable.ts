import type { DomainEvent } from './domain-event.js';

/** What the audit log records of an event, beyond its metadata. */
export interface AuditRecord {
  /** Dotted action name, e.g. `member.removed`. */
  readonly action: string;
  readonly targetType: string;
  readonly targetId: string | null;
  /** Details worth keeping (never secrets); stored as jsonb and covered by the row hash. */
  readonly payload: Readonly<Record<string, unknown>>;
}

/** An event that must leave an audit row; the audit projection writes it in the command's transaction. */
export interface Auditable {
  toAuditRecord(): AuditRecord;
}

export function isAuditable(event: DomainEvent): event is DomainEvent & Auditable {
  return typeof (event as Partial<Auditable>).toAuditRecord === 'function';
}
