import { z } from 'zod';

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
    cursor: optionalText(100),
    limit: z.coerce.number().int().min(1).max(200).default(50),
  })
  .strict();

export type AuditQuery = z.infer<typeof auditQuerySchema>;

/** Opaque page cursor: the last `seq` of the page, base64url. A malformed cursor starts from the newest row. */
export const auditCursor = {
  encode: (seq: string): string => Buffer.from(JSON.stringify({ seq }), 'utf8').toString('base64url'),
  decode: (cursor: string | undefined): string | undefined => {
    if (!cursor) return undefined;
    try {
      const { seq } = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) as { seq?: unknown };
      return typeof seq === 'string' && /^\d{1,19}$/.test(seq) ? seq : undefined;
    } catch {
      return undefined;
    }
  },
};
