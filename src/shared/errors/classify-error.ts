import { HttpException } from '@nestjs/common';
import { DomainError } from './domain-error.js';
import { type ErrorCode, statusOf } from './error-codes.js';

/** What the filter needs to answer a failure: status, code, the text shown, extra body fields. */
export interface ClassifiedError {
  readonly status: number;
  readonly code: ErrorCode;
  readonly message: string;
  readonly details: Readonly<Record<string, unknown>>;
  /** True when the failure is ours (5xx): logged with its stack, shown only as a generic text. */
  readonly unexpected: boolean;
}

const CODE_BY_STATUS: Readonly<Record<number, ErrorCode>> = {
  400: 'HTTP.BAD_REQUEST',
  401: 'AUTH.UNAUTHENTICATED',
  403: 'AUTH.FORBIDDEN',
  404: 'HTTP.NOT_FOUND',
  405: 'HTTP.METHOD_NOT_ALLOWED',
  413: 'HTTP.PAYLOAD_TOO_LARGE',
  415: 'HTTP.UNSUPPORTED_MEDIA_TYPE',
  429: 'HTTP.RATE_LIMITED',
  503: 'SERVICE.UNAVAILABLE',
};

const INTERNAL: ClassifiedError = {
  status: 500,
  code: 'INTERNAL.ERROR',
  message: 'Internal server error',
  details: {},
  unexpected: true,
};

/** Errors Fastify raises itself before a handler runs (body parsing, limits); they carry `code` and `statusCode`. */
interface FastifyError {
  code: string;
  statusCode: number;
  message: string;
}

function isFastifyError(error: unknown): error is FastifyError {
  return (
    error instanceof Error &&
    typeof (error as Partial<FastifyError>).code === 'string' &&
    (error as Partial<FastifyError>).code!.startsWith('FST_') &&
    typeof (error as Partial<FastifyError>).statusCode === 'number'
  );
}

function fromStatus(status: number, message: string): ClassifiedError {
  const code = CODE_BY_STATUS[status];
  if (!code || status >= 500) {
    return status === 503 ? { status, code: 'SERVICE.UNAVAILABLE', message, details: {}, unexpected: false } : INTERNAL;
  }
  return { status, code, message, details: {}, unexpected: false };
}

const tooLarge = (bodyLimitBytes: number): string => `Request body exceeds the limit of ${bodyLimitBytes} bytes`;

function fastifyMessage(error: FastifyError, bodyLimitBytes: number): string {
  switch (error.code) {
    case 'FST_ERR_CTP_BODY_TOO_LARGE':
      return tooLarge(bodyLimitBytes);
    case 'FST_ERR_CTP_INVALID_MEDIA_TYPE':
      return 'Unsupported Content-Type';
    case 'FST_ERR_CTP_INVALID_CONTENT_LENGTH':
      return 'Request body length does not match Content-Length';
    default:
      return 'Bad request';
  }
}

/** Sorts any thrown value into the answer the API gives for it. Unknown errors become an opaque 500. */
export function classifyError(error: unknown, bodyLimitBytes: number): ClassifiedError {
  if (error instanceof DomainError) {
    const status = statusOf(error.code);
    // A domain error is an answer the code chose (a 503 with no orchestrator, a mapped 500), not a crash to log.
    return { status, code: error.code, message: error.message, details: error.details, unexpected: false };
  }
  if (error instanceof HttpException) {
    const status = error.getStatus();
    // Nest rewraps some Fastify errors (body too large) as HttpExceptions with a text of its own.
    const message = status === 404 ? 'Route not found' : status === 413 ? tooLarge(bodyLimitBytes) : error.message;
    return fromStatus(status, message);
  }
  if (isFastifyError(error) && error.statusCode >= 400 && error.statusCode < 500) {
    return fromStatus(error.statusCode, fastifyMessage(error, bodyLimitBytes));
  }
  return INTERNAL;
}
