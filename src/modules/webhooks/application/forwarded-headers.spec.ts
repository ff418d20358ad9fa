import { forwardedHeaders } from './forwarded-headers.js';

describe('forwardedHeaders', () => {
  it('keeps end-to-end headers, joins repeated ones, drops hop-by-hop, cookies and headers the connection names', () => {
    expect(
      forwardedHeaders({
        'content-type': 'application/json',
        authorization: 'Bearer for-the-orchestrator',
        'x-multi': ['a', 'b'],
        connection: 'keep-alive, x-hop',
        'x-hop': '1',
        host: 'kici.example.com',
        cookie: 'session=1',
        'content-length': '2',
        'transfer-encoding': 'chunked',
      }),
    ).toEqual({ 'content-type': 'application/json', authorization: 'Bearer for-the-orchestrator', 'x-multi': 'a, b' });
  });
});
