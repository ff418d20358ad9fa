import secureJsonParse from 'secure-json-parse';
import { DomainError } from '../shared/errors/domain-error.js';

/**
 * JSON body parser for every API route. An empty body is accepted as "no body" (the kici CLI sends
 * `Content-Type: application/json` with nothing on POST and DELETE). Malformed JSON, and objects carrying
 * `__proto__` or `constructor.prototype` keys, are a 400.
 */
export function parseJsonBody(_request: unknown, body: Buffer, done: (error: Error | null, value?: unknown) => void): void {
  if (body.length === 0 || body.toString('utf8').trim() === '') {
    done(null, undefined);
    return;
  }
  try {
    done(null, secureJsonParse.parse(body, undefined, { protoAction: 'error', constructorAction: 'error' }));
  } catch {
    done(new DomainError('HTTP.MALFORMED_JSON', 'Request body is not valid JSON'));
  }
}
