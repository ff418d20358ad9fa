import { isUuid, uuidv7 } from './uuid-v7.js';

describe('uuidv7', () => {
  it('has version 7 and the RFC variant', () => {
    const id = uuidv7();
    expect(isUuid(id)).toBe(true);
    expect(id[14]).toBe('7');
    expect(['8', '9', 'a', 'b']).toContain(id[19]);
  });

  it('encodes the timestamp in the first 48 bits', () => {
    // Ahead of the clock: ids never go below the latest time this process has used.
    const at = Date.now() + 60_000;
    const id = uuidv7(at);
    expect(parseInt(id.replace(/-/g, '').slice(0, 12), 16)).toBe(at);
  });

  it('is strictly increasing within one millisecond and when the clock steps back', () => {
    const at = Date.now() + 120_000;
    const ids = Array.from({ length: 5000 }, (_, i) => uuidv7(i === 4000 ? at - 5000 : at));
    const sorted = [...ids].sort();
    expect(sorted).toEqual(ids);
    expect(new Set(ids).size).toBe(ids.length);
  });

  it('fills the random bits from the pool: the tails of ids differ and every hex digit position varies', () => {
    const ids = Array.from({ length: 2000 }, () => uuidv7());
    const tails = ids.map((id) => id.replace(/-/g, '').slice(17));
    expect(new Set(tails).size).toBe(ids.length);
    for (let position = 0; position < 15; position++) expect(new Set(tails.map((tail) => tail[position])).size).toBeGreaterThan(12);
  });

  // Last: it moves this process's clock far ahead, which the tests above would see.
  it('writes every byte of a large timestamp in order', () => {
    const at = 0xfedcba987654;
    expect(uuidv7(at).slice(0, 13)).toBe('fedcba98-7654');
  });
});
