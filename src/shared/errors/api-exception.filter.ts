import { type ArgumentsHost, Catch, type ExceptionFilter, Logger } from '@nestjs/common';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { classifyError } from './classify-error.js';
import type { ErrorBody } from './error-body.js';

/**
 * The one place HTTP failures become responses: `{ error, code, requestId, ...details }` with the mapped
 * status, for domain errors, Nest exceptions, Fastify's own errors (bad JSON, body too large) and unknown
 * routes alike. Unexpected errors are logged with their stack and answered with an opaque 500.
 */
@Catch()
export class ApiExceptionFilter implements ExceptionFilter {
  private readonly logger = new Logger('Http');

  constructor(private readonly bodyLimitBytes: number) {}

  catch(exception: unknown, host: ArgumentsHost): void {
    if (host.getType() !== 'http') return;
    const http = host.switchToHttp();
    const request = http.getRequest<FastifyRequest>();
    const reply = http.getResponse<FastifyReply>();
    const failure = classifyError(exception, this.bodyLimitBytes);
    if (failure.unexpected) {
      this.logger.error(exception instanceof Error ? exception : String(exception));
    }
    if (reply.sent) return;
    const body: ErrorBody = { ...failure.details, error: failure.message, code: failure.code, requestId: request.id };
    // A failure that says when to come back (503 with no orchestrator, 429) says it in the standard header too.
    const retryAfter = failure.details.retryAfterSeconds;
    if (typeof retryAfter === 'number') void reply.header('retry-after', String(retryAfter));
    void reply.status(failure.status).header('content-type', 'application/json; charset=utf-8').send(body);
  }
}
