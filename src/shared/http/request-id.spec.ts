import { isUuid } from '../ids/uuid-v7.js';
import { requestIdFrom } from './request-id.js';

describe('requestIdFrom', () => {
  it('echoes a plain incoming id', () => {
    expect(requestIdFrom('req-123:abc.DEF_9')).toBe('req-123:abc.DEF_9');
  });

  it.each([
    ['missing', undefined],
    ['empty', ''],
    ['with spaces', 'a b'],
    ['with a newline', 'abc\r\nSet-Cookie: x=1'],
    ['too long', 'a'.repeat(129)],
    ['non-ASCII', 'ідентифікатор'],
  ])('generates a UUID v7 when the incoming id is %s', (_label, header) => {
    expect(isUuid(requestIdFrom(header))).toBe(true);
  });

  it('uses the first of repeated headers', () => {
    expect(requestIdFrom(['first', 'second'])).toBe('first');
  });
});
