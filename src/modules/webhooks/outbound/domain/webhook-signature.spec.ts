import { createHmac } from 'node:crypto';
import { generateSigningSecret, signatureHeader } from './webhook-signature.js';

describe('webhook signatures', () => {
  it('makes secrets of 32 random bytes behind whsec_', () => {
    const secret = generateSigningSecret();
    expect(secret).toMatch(/^whsec_[A-Za-z0-9+/]+=*$/);
    expect(Buffer.from(secret.slice(6), 'base64')).toHaveLength(32);
    expect(generateSigningSecret()).not.toBe(secret);
  });

  it('signs id.timestamp.body with the decoded key, once per secret', () => {
    const key = Buffer.alloc(32, 1);
    const secret = `whsec_${key.toString('base64')}`;
    const expected = createHmac('sha256', key).update('msg_1.1700000000.{"a":1}').digest('base64');
    expect(signatureHeader([secret], 'msg_1', 1_700_000_000, '{"a":1}')).toBe(`v1,${expected}`);
    const both = signatureHeader([secret, generateSigningSecret()], 'msg_1', 1_700_000_000, '{"a":1}').split(' ');
    expect(both).toHaveLength(2);
    expect(both[0]).toBe(`v1,${expected}`);
  });
});
