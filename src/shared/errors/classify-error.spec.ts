import { BadRequestException, NotFoundException, PayloadTooLargeException } from '@nestjs/common';
import { classifyError } from './classify-error.js';
import { DomainError } from './domain-error.js';

function fastifyError(code: string, statusCode: number): Error {
  return Object.assign(new Error(`fastify said ${code}`), { code, statusCode });
}

describe('classifyError', () => {
  it('keeps a domain error code, text and details', () => {
    const result = classifyError(new DomainError('HTTP.VALIDATION_FAILED', 'Invalid request body', { fields: [] }), 10);
    expect(result).toEqual({
      status: 400,
      code: 'HTTP.VALIDATION_FAILED',
      message: 'Invalid request body',
      details: { fields: [] },
      unexpected: false,
    });
  });

  it('maps an unknown route to HTTP.NOT_FOUND without echoing the path', () => {
    const result = classifyError(new NotFoundException('Cannot GET /secret?token=abc'), 10);
    expect(result).toMatchObject({ status: 404, code: 'HTTP.NOT_FOUND', message: 'Route not found' });
  });

  it('states the limit when Nest rewraps a body-too-large error', () => {
    expect(classifyError(new PayloadTooLargeException('Request body is too large'), 2048)).toMatchObject({
      status: 413,
      code: 'HTTP.PAYLOAD_TOO_LARGE',
      message: 'Request body exceeds the limit of 2048 bytes',
    });
  });

  it('maps Nest 4xx exceptions by status', () => {
    expect(classifyError(new BadRequestException('nope'), 10)).toMatchObject({ status: 400, code: 'HTTP.BAD_REQUEST' });
  });

  it('maps Fastify body limit errors to 413 with the limit in the text', () => {
    const result = classifyError(fastifyError('FST_ERR_CTP_BODY_TOO_LARGE', 413), 1024);
    expect(result).toMatchObject({ status: 413, code: 'HTTP.PAYLOAD_TOO_LARGE' });
    expect(result.message).toContain('1024');
  });

  it('hides everything about unexpected errors', () => {
    const result = classifyError(new Error('relation "users" does not exist at character 15'), 10);
    expect(result).toEqual({ status: 500, code: 'INTERNAL.ERROR', message: 'Internal server error', details: {}, unexpected: true });
  });

  it('treats a Fastify 5xx as unexpected', () => {
    expect(classifyError(fastifyError('FST_ERR_SOMETHING', 500), 10)).toMatchObject({ status: 500, unexpected: true });
  });
});
