import { z } from 'zod';

const DURATION_UNITS_MS: Readonly<Record<string, number>> = { m: 60_000, h: 3_600_000, d: 86_400_000, w: 604_800_000 };

/** `since`: an ISO timestamp, or a look-back like `30m`, `24h`, `7d`, `2w` (as CLI flags are usually given). */
export const sinceSchema = z.union([
  z.iso.datetime({ offset: true }).transform((value) => new Date(value)),
  z
    .string()
    .regex(/^\d{1,5}[mhdw]$/, { message: 'Use an ISO timestamp or a duration like 24h or 7d' })
    // A look-back longer than the epoch (99999w) means "everything", not an invalid date.
    .transform((value) => new Date(Math.max(0, Date.now() - Number(value.slice(0, -1)) * DURATION_UNITS_MS[value.slice(-1)]!))),
]);
