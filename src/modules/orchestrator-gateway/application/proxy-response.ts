import { DomainError } from '../../../shared/errors/domain-error.js';

/** `errorCode`s an orchestrator answers with, and the HTTP answer each becomes (platform-domain §10). */
const ERROR_CODES: Readonly<Record<string, { code: 'GATEWAY.CONFLICT' | 'GATEWAY.GONE' | 'GATEWAY.NOT_FOUND'; message: string }>> = {
  pending_held_runs: { code: 'GATEWAY.CONFLICT', message: 'The run has pending held runs' },
  runArchivedNotRerunnable: { code: 'GATEWAY.GONE', message: 'The run is archived and can no longer be re-run' },
  not_found: { code: 'GATEWAY.NOT_FOUND', message: 'Not found' },
};

/**
 * Turns an orchestrator's answer frame into the response body, or the HTTP error it stands for
 * (orchestrator-protocol §2.9.6): a policy denial → 403 with its envelope; an unsupported or invalid
 * request → 501 / 400; a known `errorCode` → its status; any other `error` text → 400.
 */
export function toHttpOutcome(frame: Record<string, unknown>): Record<string, unknown> {
  const { type: _type, requestId: _requestId, ...body } = frame;
  if (body.error === 'operation_disabled') {
    const { operation, category, label, message, cliEquivalent } = body;
    throw new DomainError('GATEWAY.OPERATION_DISABLED', 'operation_disabled', { operation, category, label, message, cliEquivalent });
  }
  if (typeof body.errorCode === 'string' && ERROR_CODES[body.errorCode]) {
    const mapped = ERROR_CODES[body.errorCode]!;
    throw new DomainError(mapped.code, typeof body.error === 'string' ? body.error : mapped.message);
  }
  if (typeof body.error === 'string') {
    if (body.code === 'unsupported_request_type') {
      throw new DomainError('GATEWAY.UNSUPPORTED_REQUEST', `The orchestrator does not support this request; upgrade it`, {
        orchVersion: body.orchVersion ?? null,
        requestType: body.requestType ?? null,
      });
    }
    throw new DomainError('GATEWAY.BAD_REQUEST', body.error.slice(0, 2000));
  }
  return body;
}
