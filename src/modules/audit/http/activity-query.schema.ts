import { z } from 'zod';
import { type AuditPositionJson, auditPositionSchema, auditQuerySchema } from './audit-query.schema.js';

const optionalText = (max: number) => z.string().trim().min(1).max(max).optional();

/**
 * Query of `GET …/activity` (platform-domain §4.6): the audit filters plus which half to read, the
 * access-log-only filters (`outcome`, `origin`), `runId` as sugar for a run target, and the cluster whose
 * access log to read (`orchestrator`, else `defaultCluster` when connected, else the only one).
 */
export const activityQuerySchema = auditQuerySchema
  .extend({
    source: z.enum(['audit_log', 'access_log', 'all']).default('all'),
    outcome: z.enum(['allowed', 'denied', 'error']).optional(),
    origin: z.enum(['platform_proxy', 'admin_http', 'admin_cli', 'agent']).optional(),
    runId: optionalText(128),
    orchestrator: optionalText(128),
    defaultCluster: optionalText(128),
    cursor: optionalText(2000),
  })
  .strict();

export type ActivityQuery = z.infer<typeof activityQuerySchema>;

/**
 * Where each half of a merged Activity page stopped. The audit half resumes below a row position; the access
 * half re-reads the orchestrator's page at `cursor` and skips the `skip` rows already shown (its cursor is
 * opaque, so a half-used page can only be resumed that way). `null` = that half is exhausted.
 */
export interface ActivityPosition {
  readonly audit: { readonly before: AuditPositionJson | null } | null;
  readonly access: { readonly cursor: string | null; readonly skip: number } | null;
}

export const START: ActivityPosition = { audit: { before: null }, access: { cursor: null, skip: 0 } };

const positionSchema = z.object({
  audit: z.object({ before: auditPositionSchema.nullable() }).strict().nullable(),
  access: z.object({ cursor: z.string().max(1000).nullable(), skip: z.number().int().min(0).max(200) }).nullable(),
});

/** Opaque to clients (base64url JSON). A malformed cursor starts from the newest rows, as on `/audit`. */
export const activityCursor = {
  encode: (position: ActivityPosition): string => Buffer.from(JSON.stringify(position), 'utf8').toString('base64url'),
  decode: (cursor: string | undefined): ActivityPosition => {
    if (!cursor) return START;
    try {
      const parsed = positionSchema.safeParse(JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')));
      return parsed.success ? parsed.data : START;
    } catch {
      return START;
    }
  },
};
