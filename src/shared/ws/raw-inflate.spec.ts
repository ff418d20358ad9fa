import { constants, deflateRawSync, inflateRawSync } from 'node:zlib';
import { inflateRawSmall } from './raw-inflate.js';

const TRAILER = Buffer.from([0x00, 0x00, 0xff, 0xff]);
const LIMIT = 1024 * 1024;

/** A small deterministic generator, so a failure names the case that failed. */
function random(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 2 ** 32;
  };
}

/** Messages of the kinds a socket carries: JSON frames, text, repeated runs, incompressible bytes. */
function message(next: () => number, index: number): Buffer {
  const size = [0, 1, 20, 150, 900, 5_000, 40_000, 70_000][index % 8]!;
  switch (index % 4) {
    case 0: {
      const items = Array.from({ length: Math.ceil(size / 80) }, (_, i) => ({ id: `${i}-${Math.floor(next() * 1e9)}`, ok: next() > 0.5, name: 'run'.repeat(1 + Math.floor(next() * 4)) }));
      return Buffer.from(JSON.stringify({ type: 'webhook.ack', messageId: '01a2260f-3541-7000-a00d-f0a1273d2620', items })).subarray(0, Math.max(size, 2));
    }
    case 1:
      return Buffer.from(Array.from({ length: size }, () => 'abcdefghij klmnop\n'[Math.floor(next() * next() * 18)]).join(''));
    case 2:
      return Buffer.alloc(size, 'x'.repeat(1 + Math.floor(next() * 300)));
    default:
      return Buffer.from(Array.from({ length: size }, () => Math.floor(next() * 256)));
  }
}

const STRATEGIES = [constants.Z_DEFAULT_STRATEGY, constants.Z_FILTERED, constants.Z_HUFFMAN_ONLY, constants.Z_RLE, constants.Z_FIXED];

/** The same message compressed every way a peer might: levels, strategies, windows, memory levels, flushes. */
function* compressions(): Generator<{ label: string; raw: Buffer; data: Buffer; windowBits: number }> {
  const next = random(7);
  for (let index = 0; index < 400; index++) {
    const raw = message(next, index);
    const level = index % 10;
    const strategy = STRATEGIES[index % STRATEGIES.length]!;
    const windowBits = 9 + (index % 7);
    const memLevel = 1 + (index % 9);
    const finish = index % 3 === 0;
    const compressed = deflateRawSync(raw, { level, strategy, windowBits, memLevel, finishFlush: finish ? constants.Z_FINISH : constants.Z_SYNC_FLUSH });
    // permessage-deflate leaves a sync flush's last four bytes off; keep them on some to cover both.
    const data = !finish && index % 2 === 0 ? compressed.subarray(0, compressed.length - 4) : compressed;
    yield { label: `#${index} ${raw.length} B level ${level} strategy ${strategy} window ${windowBits} mem ${memLevel} ${finish ? 'finish' : 'sync'}`, raw, data, windowBits };
  }
}

describe('inflateRawSmall', () => {
  it('inflates what zlib deflates, byte for byte, whatever the level, strategy, window, block sizes and flush', () => {
    let checked = 0;
    for (const { label, raw, data, windowBits } of compressions()) {
      const inflated = inflateRawSmall(data, { maxOutput: LIMIT, windowBits });
      if (!inflated?.equals(raw)) throw new Error(`${label}: ${inflated === null ? 'refused' : `got ${inflated.length} B`}`);
      checked++;
    }
    expect(checked).toBe(400);
  });

  it('never accepts what zlib refuses, and never differs from zlib on what both accept, for damaged streams', () => {
    const next = random(11);
    let refused = 0;
    let accepted = 0;
    for (const { data, windowBits } of compressions()) {
      for (let damage = 0; damage < 6; damage++) {
        const damaged = Buffer.from(data);
        if (damage === 5) {
          const cut = damaged.subarray(0, Math.floor(next() * damaged.length));
          checkAgainstZlib(cut, windowBits);
          continue;
        }
        if (damaged.length === 0) continue;
        const at = Math.floor(next() * damaged.length);
        damaged[at] = damaged[at]! ^ (1 << Math.floor(next() * 8));
        if (checkAgainstZlib(damaged, windowBits)) accepted++;
        else refused++;
      }
    }
    // Both outcomes happen: the check above is not vacuous.
    expect(refused).toBeGreaterThan(100);
    expect(accepted).toBeGreaterThan(10);
  });

  it('refuses output beyond the limit and references before the start of the message or beyond the window', () => {
    const raw = Buffer.alloc(10_000, 'abc');
    const data = deflateRawSync(raw, { finishFlush: constants.Z_FINISH });
    expect(inflateRawSmall(data, { maxOutput: 10_000 })?.equals(raw)).toBe(true);
    expect(inflateRawSmall(data, { maxOutput: 9_999 })).toBeNull();
    // A fixed block whose first symbol is a length/distance pair (length 3, distance 1): nothing precedes it.
    const before = Buffer.from([0x03, 0x02, 0x00]);
    expect(() => inflateRawSync(before)).toThrow('invalid distance too far back');
    expect(inflateRawSmall(before, { maxOutput: LIMIT })).toBeNull();
    // 600 bytes without inner repeats, twice: the copy reaches 600 back, beyond a 512-byte window.
    const next = random(3);
    const block = Buffer.from(Array.from({ length: 600 }, () => Math.floor(next() * 256)));
    const far = Buffer.concat([block, block]);
    const farData = deflateRawSync(far, { windowBits: 15, finishFlush: constants.Z_FINISH });
    expect(inflateRawSmall(farData, { maxOutput: LIMIT, windowBits: 15 })?.equals(far)).toBe(true);
    expect(inflateRawSmall(farData, { maxOutput: LIMIT, windowBits: 9 })).toBeNull();
    // Block type 11 is reserved.
    expect(inflateRawSmall(Buffer.from([0x07, 0x00]), { maxOutput: LIMIT })).toBeNull();
  });

  it('refuses a dynamic block whose literal code leaves bit patterns unused, as zlib does', () => {
    const bits = new BitWriter();
    bits.field(1, 1).field(2, 2); // final, dynamic
    bits.field(0, 5).field(0, 5).field(12, 4); // 257 literal/length codes, 1 distance code, 16 code-length lengths
    // Code-length code, in its sending order (16 17 18 0 8 7 9 6 10 5 11 4 12 3 13 2): 18 → 1 bit, 2 → 2, 0 and 17 → 3.
    for (const length of [0, 3, 1, 3, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 2]) bits.field(length, 3);
    const [zero18, two, zero] = [{ code: 0b0, length: 1 }, { code: 0b10, length: 2 }, { code: 0b110, length: 3 }];
    // 97 zeros, 'a' → 2 bits, 158 zeros, end-of-block → 2 bits, then the one distance code unused.
    bits.code(zero18).field(97 - 11, 7).code(two).code(zero18).field(138 - 11, 7).code(zero18).field(20 - 11, 7).code(two).code(zero);
    // Two codes of two bits: half the patterns unused. The data: 'a', end of block.
    bits.code({ code: 0b00, length: 2 }).code({ code: 0b01, length: 2 });
    const stream = bits.bytes();
    expect(() => inflateRawSync(stream)).toThrow('invalid literal/lengths set');
    expect(inflateRawSmall(stream, { maxOutput: LIMIT })).toBeNull();
  });

  it('takes an empty message, with or without the flush marker', () => {
    const empty = deflateRawSync(Buffer.alloc(0), { finishFlush: constants.Z_SYNC_FLUSH });
    expect(inflateRawSmall(empty, { maxOutput: LIMIT })?.length).toBe(0);
    expect(inflateRawSmall(empty.subarray(0, empty.length - 4), { maxOutput: LIMIT })?.length).toBe(0);
  });
});

/** Ours either refuses or agrees with zlib (fed as the socket's in-line path feeds it); true if ours accepted. */
function checkAgainstZlib(data: Buffer, windowBits: number): boolean {
  const ours = inflateRawSmall(data, { maxOutput: LIMIT, windowBits });
  let theirs: Buffer | null;
  try {
    theirs = inflateRawSync(Buffer.concat([data, TRAILER]), { windowBits, finishFlush: constants.Z_SYNC_FLUSH, maxOutputLength: LIMIT });
  } catch {
    theirs = null;
  }
  if (ours === null) return false;
  if (theirs === null || !ours.equals(theirs)) throw new Error(`accepted a stream zlib ${theirs === null ? 'refuses' : 'reads differently'}: ${data.toString('hex').slice(0, 80)}`);
  return true;
}

/** Writes DEFLATE bits: fields least significant bit first, Huffman codes most significant bit first. */
class BitWriter {
  private readonly bits: number[] = [];

  field(value: number, width: number): this {
    for (let bit = 0; bit < width; bit++) this.bits.push((value >> bit) & 1);
    return this;
  }

  code({ code, length }: { code: number; length: number }): this {
    for (let bit = length - 1; bit >= 0; bit--) this.bits.push((code >> bit) & 1);
    return this;
  }

  bytes(): Buffer {
    const bytes = Buffer.alloc(Math.ceil(this.bits.length / 8));
    this.bits.forEach((bit, index) => (bytes[index >> 3] |= bit << (index & 7)));
    return bytes;
  }
}
