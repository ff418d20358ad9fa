/**
 * JSON of answers that are sent many times unchanged (pages kept in a cache): serialising a page of runs
 * cost more than everything else its request did. `null` = marked, not serialised yet.
 */
const serialized = new WeakMap<object, string | null>();

/** Marks `value` as sent often; from now on it must never be mutated (its JSON is kept). */
export function sentOften<T extends object>(value: T): T {
  serialized.set(value, null);
  return value;
}

/** The reply serializer of the HTTP server: memoised for marked values, `JSON.stringify` for the rest. */
export function serializeReply(payload: unknown): string {
  if (typeof payload !== 'object' || payload === null) return JSON.stringify(payload);
  const kept = serialized.get(payload);
  if (kept === undefined) return JSON.stringify(payload);
  if (kept !== null) return kept;
  const json = JSON.stringify(payload);
  serialized.set(payload, json);
  return json;
}
