import { runWithRequestContext } from '../http/request-context.js';
import { JsonLogger } from './json-logger.js';

function capture(level: ConstructorParameters<typeof JsonLogger>[0] = 'info') {
  const lines: Record<string, unknown>[] = [];
  const logger = new JsonLogger(level, (line) => lines.push(JSON.parse(line) as Record<string, unknown>));
  return { logger, lines };
}

describe('JsonLogger', () => {
  it('writes one JSON object per entry with the Nest context', () => {
    const { logger, lines } = capture();
    logger.log('listening', 'Bootstrap');
    expect(lines).toEqual([expect.objectContaining({ level: 'info', msg: 'listening', context: 'Bootstrap' })]);
  });

  it('adds the current request id', () => {
    const { logger, lines } = capture();
    runWithRequestContext({ requestId: 'req-1', ip: null, userAgent: null }, () => logger.warn('slow'));
    expect(lines[0]).toMatchObject({ requestId: 'req-1', level: 'warn' });
  });

  it('drops entries below the configured level', () => {
    const { logger, lines } = capture('warn');
    logger.log('hidden');
    logger.debug('hidden');
    logger.error('shown');
    expect(lines.map((line) => line.msg)).toEqual(['shown']);
  });

  it('says which levels it writes, as event() applies them', () => {
    const { logger, lines } = capture('warn');
    expect([logger.enabled('error'), logger.enabled('warn'), logger.enabled('info'), logger.enabled('debug')]).toEqual([true, true, false, false]);
    logger.event('info', 'request', { path: '/x' });
    logger.event('warn', 'slow request', { path: '/y' });
    expect(lines).toEqual([expect.objectContaining({ msg: 'slow request', path: '/y' })]);
  });

  it('never writes a token or bearer credential', () => {
    const { logger, lines } = capture();
    const pat = 'kici_pat_0123456789abcdefghijABCDEFGHIJ01aB3dE5';
    logger.error(`auth failed for ${pat}`, 'Authorization: Bearer eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiJ1In0.sig', 'Auth');
    const text = JSON.stringify(lines);
    expect(text).not.toContain(pat);
    expect(text).not.toContain('eyJhbGciOiJSUzI1NiJ9');
    expect(text).toContain('kici_pat_[REDACTED]');
  });
});
