import { toHttpOutcome } from './proxy-response.js';

describe('toHttpOutcome', () => {
  it('returns the payload without the envelope', () => {
    expect(toHttpOutcome({ type: 'dashboard.runs.list.response', requestId: 'r', runs: [], total: 0 })).toEqual({ runs: [], total: 0 });
  });

  it('maps a policy denial to 403 with its envelope', () => {
    expect(() =>
      toHttpOutcome({ type: 'x.response', requestId: 'r', error: 'operation_disabled', operation: 'secrets.set', category: 'Secrets', label: 'Set secret value', message: 'm', cliEquivalent: 'kici-admin secret set' }),
    ).toThrow(expect.objectContaining({ code: 'GATEWAY.OPERATION_DISABLED', message: 'operation_disabled', details: expect.objectContaining({ operation: 'secrets.set', cliEquivalent: 'kici-admin secret set' }) }));
  });

  it('maps unsupported request types to 501 and other errors to 400', () => {
    expect(() => toHttpOutcome({ requestId: 'r', error: 'nope', code: 'unsupported_request_type', orchVersion: '0.1.20' })).toThrow(
      expect.objectContaining({ code: 'GATEWAY.UNSUPPORTED_REQUEST' }),
    );
    expect(() => toHttpOutcome({ requestId: 'r', error: 'Environment not found' })).toThrow(expect.objectContaining({ code: 'GATEWAY.BAD_REQUEST', message: 'Environment not found' }));
  });

  it('maps known error codes to their statuses', () => {
    expect(() => toHttpOutcome({ requestId: 'r', error: 'held', errorCode: 'pending_held_runs' })).toThrow(expect.objectContaining({ code: 'GATEWAY.CONFLICT' }));
    expect(() => toHttpOutcome({ requestId: 'r', error: 'old', errorCode: 'runArchivedNotRerunnable' })).toThrow(expect.objectContaining({ code: 'GATEWAY.GONE' }));
  });
});
