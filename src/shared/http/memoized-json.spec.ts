import { sentOften, serializeReply } from './memoized-json.js';

describe('serializeReply', () => {
  it('serialises like JSON.stringify', () => {
    for (const value of [{ a: 1, b: [true, null] }, [1, 'x'], 'text', 3, null]) expect(serializeReply(value)).toBe(JSON.stringify(value));
  });

  it('serialises a value marked as sent often once, and keeps answering that JSON', () => {
    let reads = 0;
    const page = sentOften({
      get total(): number {
        reads += 1;
        return 7;
      },
    });
    expect(serializeReply(page)).toBe('{"total":7}');
    expect(serializeReply(page)).toBe('{"total":7}');
    expect(reads).toBe(1);
  });

  it('does not memoise unmarked values', () => {
    const value = { n: 1 };
    expect(serializeReply(value)).toBe('{"n":1}');
    value.n = 2;
    expect(serializeReply(value)).toBe('{"n":2}');
  });
});
