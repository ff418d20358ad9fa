import { z } from 'zod';
import type { AuditEventView } from '../application/queries/list-audit-events/list-audit-events.query.js';

/** An Activity row (platform-domain §4.6): a Platform audit row or an orchestrator access-log row. */
export interface ActivityRow {
  readonly id: string;
  readonly source: 'audit_log' | 'access_log';
  readonly createdAt: string;
  readonly actorType: string;
  readonly actorId: string;
  readonly actorMeta: Record<string, unknown> | null;
  readonly actorEmail: string | null;
  readonly actorDisplayName: string | null;
  readonly action: string;
  readonly targetType: string | null;
  readonly targetId: string | null;
  readonly outcome: 'allowed' | 'denied' | 'error' | null;
  readonly errorMessage: string | null;
  readonly details: Record<string, unknown> | null;
  readonly requestId: string | null;
  readonly origin?: string | null;
}

export function fromAuditEvent(event: AuditEventView): ActivityRow {
  return {
    id: event.id,
    source: 'audit_log',
    createdAt: event.occurredAt,
    actorType: event.actorType,
    actorId: event.actorId,
    actorMeta: null,
    actorEmail: event.actorEmail,
    actorDisplayName: event.actorDisplay,
    action: event.action,
    targetType: event.targetType,
    targetId: event.targetId,
    outcome: null,
    errorMessage: null,
    details: event.payload,
    requestId: event.requestId,
  };
}

/**
 * AccessLogItem (orchestrator-protocol §2.10) as the orchestrator sends it. Read leniently — an item that
 * does not fit is dropped, never shown half-parsed — and bounded, since it comes from outside.
 */
export const accessLogItemSchema = z.object({
  id: z.union([z.string(), z.number()]).transform(String),
  createdAt: z.string().max(64).refine((value) => !Number.isNaN(Date.parse(value))),
  actorType: z.string().max(32),
  actorId: z.string().max(255),
  actorMeta: z.record(z.string(), z.unknown()).nullable().optional(),
  action: z.string().max(128),
  targetType: z.string().max(64).nullable().optional(),
  targetId: z.string().max(255).nullable().optional(),
  requestId: z.string().max(128).nullable().optional(),
  source: z.string().max(32).nullable().optional(),
  outcome: z.enum(['allowed', 'denied', 'error']),
  errorMessage: z.string().max(4000).nullable().optional(),
});

export type AccessLogItem = z.infer<typeof accessLogItemSchema>;

/** People named by the Platform: the orchestrator never returns emails or names (§2.10). */
export function fromAccessLogItem(item: AccessLogItem, people: ReadonlyMap<string, { email: string | null; displayName: string | null }>): ActivityRow {
  const person = item.actorType === 'user' || item.actorType === 'platform_operator' ? people.get(item.actorId) : undefined;
  return {
    id: item.id,
    source: 'access_log',
    createdAt: new Date(item.createdAt).toISOString(),
    actorType: item.actorType,
    actorId: item.actorId,
    actorMeta: item.actorMeta ?? null,
    actorEmail: person?.email ?? null,
    actorDisplayName: person?.displayName ?? null,
    action: item.action,
    targetType: item.targetType ?? null,
    targetId: item.targetId ?? null,
    outcome: item.outcome,
    errorMessage: item.errorMessage ?? null,
    details: null,
    requestId: item.requestId ?? null,
    origin: item.source ?? null,
  };
}
