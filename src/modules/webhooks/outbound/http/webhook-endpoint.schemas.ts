import { z } from 'zod';
import { ALL_EVENTS, WEBHOOK_EVENT_TYPES } from '../domain/event-catalogue.js';
import { DELIVERY_STATUSES } from '../infrastructure/webhook-delivery.entity.js';

/** An absolute http(s) URL without credentials; whether http and the host are acceptable is checked later. */
const targetUrl = z
  .string()
  .trim()
  .max(2048)
  .refine(
    (value) => {
      try {
        const url = new URL(value);
        return (url.protocol === 'https:' || url.protocol === 'http:') && url.hostname !== '' && url.username === '' && url.password === '';
      } catch {
        return false;
      }
    },
    { message: 'must be an absolute https URL without credentials' },
  );

/** A non-empty list from the catalogue, or exactly `["*"]` for every event. */
const eventTypes = z
  .array(z.enum([...WEBHOOK_EVENT_TYPES, ALL_EVENTS], { message: `must be one of ${[...WEBHOOK_EVENT_TYPES, ALL_EVENTS].join(', ')}` }))
  .min(1)
  .max(WEBHOOK_EVENT_TYPES.length + 1)
  .refine((types) => !types.includes(ALL_EVENTS) || types.length === 1, { message: '"*" cannot be combined with other event types' })
  .transform((types) => [...new Set(types)]);

export const createEndpointSchema = z
  .object({
    url: targetUrl,
    description: z.string().trim().max(500).optional(),
    eventTypes,
    enabled: z.boolean().default(true),
  })
  .strict();

export const updateEndpointSchema = z
  .object({
    url: targetUrl.optional(),
    description: z.string().trim().max(500).nullable().optional(),
    eventTypes: eventTypes.optional(),
    enabled: z.boolean().optional(),
  })
  .strict()
  .refine((body) => Object.keys(body).length > 0, { message: 'name at least one field to change' });

/** Default overlap of a rotation: the old secret keeps signing for a day. */
export const DEFAULT_OVERLAP_SECONDS = 86_400;

export const rotateSecretSchema = z
  .object({ overlapSeconds: z.number().int().min(0).max(7 * 86_400).default(DEFAULT_OVERLAP_SECONDS) })
  .strict()
  .optional();

export const deliveriesQuerySchema = z
  .object({
    status: z.enum(DELIVERY_STATUSES).optional(),
    cursor: z.string().trim().min(1).max(200).optional(),
    limit: z.coerce.number().int().min(1).max(200).default(50),
  })
  .strict();

export type CreateEndpointBody = z.infer<typeof createEndpointSchema>;
export type UpdateEndpointBody = z.infer<typeof updateEndpointSchema>;
export type RotateSecretBody = z.infer<typeof rotateSecretSchema>;
export type DeliveriesQuery = z.infer<typeof deliveriesQuerySchema>;

/** Opaque page cursor: the last delivery id of the page, base64url. A malformed cursor starts from the newest. */
export const deliveryCursor = {
  encode: (id: string): string => Buffer.from(JSON.stringify({ id }), 'utf8').toString('base64url'),
  decode: (cursor: string | undefined): string | undefined => {
    if (!cursor) return undefined;
    try {
      const { id } = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) as { id?: unknown };
      return typeof id === 'string' && /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/.test(id) ? id : undefined;
    } catch {
      return undefined;
    }
  },
};
