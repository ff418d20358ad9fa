import { z } from 'zod';
import { isUuid } from '../../../shared/ids/uuid-v7.js';
import type { AuditPosition } from '../application/queries/list-audit-events/list-audit-events.query.js';

const optionalText = (max: number) => z.string().trim().min(1).max(max).optional();

/** Query of `GET …/audit`: filters, a cursor from the previous page, and a page size of 1–200 (default 50). */
export const auditQuerySchema = z
  .object({
    action: optionalText(100),
    actorType: optionalText(32),
    actorId: optionalText(255),
    targetType: optionalText(64),
    targetId: optionalText(255),
    q: optionalText(200),
    from: z.iso.datetime({ offset: true }).optional(),
    to: z.iso.datetime({ offset: true }).optional(),
    cursor: optionalText(200),
    limit: z.coerce.number().int().min(1).max(200).default(50),
  })
  .strict();

export type AuditQuery = z.infer<typeof auditQuerySchema>;

/** Where an audit page stopped, as cursors carry it: the page's last row's `occurredAt` (ISO) and id. */
export const auditPositionSchema = z.object({ at: z.iso.datetime(), id: z.string().refine(isUuid) }).strict();

export type AuditPositionJson = z.infer<typeof auditPositionSchema>;

export const auditPositionOf = (row: { readonly occurredAt: string; readonly id: string }): AuditPositionJson => ({ at: row.occurredAt, id: row.id });

export const fromAuditPositionJson = ({ at, id }: AuditPositionJson): AuditPosition => ({ occurredAt: new Date(at), id });

/** Opaque page cursor: the page's last row position, base64url JSON. A malformed cursor starts from the newest row. */
export const auditCursor = {
  encode: (row: { readonly occurredAt: string; readonly id: string }): string => Buffer.from(JSON.stringify(auditPositionOf(row)), 'utf8').toString('base64url'),
  decode: (cursor: string | undefined): AuditPosition | undefined => {
    if (!cursor) return undefined;
    try {
      const parsed = auditPositionSchema.safeParse(JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')));
      return parsed.success ? fromAuditPositionJson(parsed.data) : undefined;
    } catch {
      return undefined;
    }
  },
};
