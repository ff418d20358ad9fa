import secureJsonParse from 'secure-json-parse';
import { DomainError } from '../shared/errors/domain-error.js';
import { findUnstorableText } from '../shared/validation/storable-text.js';

/**
 * JSON body parser for every API route. An empty body is accepted as "no body" (the kici CLI sends
 * `Content-Type: application/json` with nothing on POST and DELETE). Malformed JSON, and objects carrying
 * `__proto__` or `constructor.prototype` keys, are a 400; so is text no database column can hold (a NUL
 * character, an unpaired surrogate), which would otherwise fail deep inside a command as a 500.
 */
export function parseJsonBody(_request: unknown, body: Buffer, done: (error: Error | null, value?: unknown) => void): void {
  if (body.length === 0 || body.toString('utf8').trim() === '') {
    done(null, undefined);
    return;
  }
  let value: unknown;
  try {
    value = secureJsonParse.parse(body, undefined, { protoAction: 'error', constructorAction: 'error' });
  } catch {
    done(new DomainError('HTTP.MALFORMED_JSON', 'Request body is not valid JSON'));
    return;
  }
  const unstorable = findUnstorableText(value);
  if (unstorable) {
    done(new DomainError('HTTP.VALIDATION_FAILED', `Text at ${unstorable} contains a NUL character or an unpaired surrogate`));
    return;
  }
  done(null, value);
}
