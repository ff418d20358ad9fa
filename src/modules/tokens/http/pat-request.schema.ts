import { z } from 'zod';
import { LEVELS, RESOURCES } from '../../../shared/auth/permissions.js';

/** A permission matrix on the wire: `{ "runs": "read", … }`; unknown resources or levels are refused. */
export const permissionMatrixSchema = z.partialRecord(z.enum(RESOURCES), z.enum(LEVELS));

/** Body of `POST /api/v1/pats` (cli-contract §3.10, platform-domain §9.1). */
export const createPatSchema = z
  .object({
    name: z.string().trim().min(1).max(100),
    kind: z.enum(['user', 'agent']).default('user'),
    agentLabel: z.string().trim().min(1).max(100).optional(),
    expiresInDays: z.number().int().positive().optional(),
    scopes: permissionMatrixSchema.optional(),
  })
  .strict()
  .refine((body) => body.kind !== 'agent' || body.agentLabel !== undefined, {
    message: 'agentLabel is required for agent tokens',
    path: ['agentLabel'],
  });

export type CreatePatBody = z.infer<typeof createPatSchema>;

/** Path parameter of `DELETE /api/v1/pats/:id`. */
export const patIdSchema = z.uuid();
