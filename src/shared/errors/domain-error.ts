import type { ErrorCode } from './error-codes.js';

/**
 * An expected failure with a stable code. Handlers and guards throw these (never HttpException); the
 * exception filter turns them into `{ error, code, requestId, ...details }` with the code's status.
 * `message` is shown to API users verbatim, so it must not carry secrets or internals.
 */
export class DomainError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly details: Readonly<Record<string, unknown>> = {},
  ) {
    super(message);
    this.name = 'DomainError';
  }
}
