import { createHash } from 'node:crypto';
import { sha256Hex } from './sha256.js';

describe('sha256Hex', () => {
  it('gives the FIPS 180-2 digest of "abc"', () => {
    expect(sha256Hex('abc')).toBe('ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad');
  });

  it('hashes the UTF-8 bytes of the text, as stored hashes were made', () => {
    for (const text of ['', 'kici_pat_x', 'Zürich — 東京 🚀', 'x'.repeat(5000)]) {
      expect(sha256Hex(text)).toBe(createHash('sha256').update(Buffer.from(text, 'utf8')).digest('hex'));
    }
  });
});
