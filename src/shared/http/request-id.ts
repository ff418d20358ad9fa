import { uuidv7 } from '../ids/uuid-v7.js';

const SANE_REQUEST_ID = /^[A-Za-z0-9._:-]{1,128}$/;

/**
 * The id a request is known by: the caller's `x-request-id` when it is short and plain (so traces join
 * across a proxy), otherwise a fresh UUID v7. Anything else is refused so ids stay safe in logs and headers.
 */
export function requestIdFrom(header: string | string[] | undefined): string {
  const candidate = Array.isArray(header) ? header[0] : header;
  return candidate !== undefined && SANE_REQUEST_ID.test(candidate) ? candidate : uuidv7();
}
