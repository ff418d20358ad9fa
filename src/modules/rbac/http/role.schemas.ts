import picomatch from 'picomatch';
import { z } from 'zod';
import { LEVELS, RESOURCES } from '../../../shared/auth/permissions.js';

/** A permission matrix on the wire: `{ "runs": "write", … }`; an absent resource is `none`. */
export const permissionMatrixSchema = z.partialRecord(z.enum(RESOURCES), z.enum(LEVELS));

const repoPattern = z
  .string()
  .trim()
  .min(1)
  .max(200)
  .refine(
    (pattern) => {
      try {
        picomatch(pattern);
        return true;
      } catch {
        return false;
      }
    },
    { message: 'must be a valid glob' },
  );

export const createRoleSchema = z
  .object({
    name: z.string().trim().min(1).max(100),
    description: z.string().trim().max(500).optional(),
    permissions: permissionMatrixSchema,
    repoPatterns: z.array(repoPattern).min(1).max(100).optional(),
  })
  .strict();

export const updateRoleSchema = z
  .object({
    name: z.string().trim().min(1).max(100).optional(),
    description: z.string().trim().max(500).nullable().optional(),
    permissions: permissionMatrixSchema.optional(),
    repoPatterns: z.array(repoPattern).min(1).max(100).optional(),
  })
  .strict()
  .refine((body) => Object.keys(body).length > 0, { message: 'nothing to change' });

export type CreateRoleBody = z.infer<typeof createRoleSchema>;
export type UpdateRoleBody = z.infer<typeof updateRoleSchema>;
