/**
 * A raw DEFLATE decoder (RFC 1951) for the small compressed frames orchestrators send: acks and proxied
 * answers of a few hundred bytes, each its own deflate stream (no context takeover).
 *
 * zlib's one-shot inflate builds a stream object, a native handle and its state for every call; for a
 * 100-byte ack that costs more than the decoding, and those short-lived objects, held by their native
 * handles, outlive young-generation collections: on the webhook relay they were a seventh of what got
 * promoted, and compressed acks cost the Platform ≈ 27 µs more per relay than uncompressed ones. Decoding
 * such a frame here allocates its output and nothing else (the code tables are reused from call to call;
 * decoding is synchronous, so calls never overlap).
 *
 * Strict like zlib: anything malformed (bad block type, stored length mismatch, over-subscribed or
 * incomplete codes, invalid symbols, a distance before the start of the message or beyond the window,
 * input ending inside a block) gives null, as does output beyond `maxOutput`; the caller then takes zlib's
 * path, whose errors and limits stay authoritative.
 */

/** Length base and extra bits for length symbols 257..285 (RFC 1951 §3.2.5). */
const LENGTH_BASE = Uint16Array.from([3, 4, 5, 6, 7, 8, 9, 10, 11, 13, 15, 17, 19, 23, 27, 31, 35, 43, 51, 59, 67, 83, 99, 115, 131, 163, 195, 227, 258]);
const LENGTH_EXTRA = Uint8Array.from([0, 0, 0, 0, 0, 0, 0, 0, 1, 1, 1, 1, 2, 2, 2, 2, 3, 3, 3, 3, 4, 4, 4, 4, 5, 5, 5, 5, 0]);
/** Distance base and extra bits for distance symbols 0..29. */
const DISTANCE_BASE = Uint16Array.from([
  1, 2, 3, 4, 5, 7, 9, 13, 17, 25, 33, 49, 65, 97, 129, 193, 257, 385, 513, 769, 1025, 1537, 2049, 3073, 4097, 6145, 8193, 12289, 16385, 24577,
]);
const DISTANCE_EXTRA = Uint8Array.from([0, 0, 0, 0, 1, 1, 2, 2, 3, 3, 4, 4, 5, 5, 6, 6, 7, 7, 8, 8, 9, 9, 10, 10, 11, 11, 12, 12, 13, 13]);
/** The order code-length code lengths are sent in. */
const CODE_LENGTH_ORDER = Uint8Array.from([16, 17, 18, 0, 8, 7, 9, 6, 10, 5, 11, 4, 12, 3, 13, 2, 14, 1, 15]);
const MAX_BITS = 15;
/** Codes up to this many bits are decoded with one table lookup; longer ones (rare in small frames) bit by bit. */
const TABLE_BITS = 9;

/** Each TABLE_BITS-bit value with its bits in reverse order. */
const REVERSED = Uint16Array.from({ length: 1 << TABLE_BITS }, (_, value) => {
  let reversed = 0;
  for (let bit = 0; bit < TABLE_BITS; bit++) reversed |= ((value >> bit) & 1) << (TABLE_BITS - 1 - bit);
  return reversed;
});

/**
 * A canonical Huffman code: `counts` codes of each length and `symbols` in code order (for decoding bit
 * by bit), and `table`, indexed by the next `tableBits` input bits (the longest code, at most TABLE_BITS),
 * holding `symbol << 4 | length` for every code that short (0 where a longer or unassigned code starts).
 */
class HuffmanCode {
  readonly counts = new Uint16Array(MAX_BITS + 1);
  readonly symbols: Uint16Array;
  readonly table = new Int32Array(1 << TABLE_BITS);
  tableBits = 0;
  private readonly offsets = new Uint16Array(MAX_BITS + 2);
  private readonly nextCode = new Uint16Array(MAX_BITS + 2);

  constructor(maxSymbols: number) {
    this.symbols = new Uint16Array(maxSymbols);
  }

  /**
   * Builds the code for `lengths` (0 = symbol unused); false if it is over-subscribed, or has unused bit
   * patterns where `complete` forbids them: zlib refuses those for the literal/length and distance codes
   * of a dynamic block unless their longest code is one bit (a code of one symbol), and always for the
   * code-length code.
   */
  build(lengths: Uint8Array, count: number, complete: 'always' | 'unless-single' | 'never'): boolean {
    const { counts, offsets, nextCode, symbols, table } = this;
    counts.fill(0);
    for (let symbol = 0; symbol < count; symbol++) counts[lengths[symbol]!]!++;
    let left = 1;
    let longest = 0;
    for (let length = 1; length <= MAX_BITS; length++) {
      left = (left << 1) - counts[length]!;
      if (left < 0) return false;
      if (counts[length]! > 0) longest = length;
    }
    if (complete === 'always' && (left > 0 || longest === 0)) return false;
    if (complete === 'unless-single' && left > 0 && longest > 1) return false;
    offsets[1] = 0;
    nextCode[1] = 0;
    for (let length = 1; length <= MAX_BITS; length++) {
      offsets[length + 1] = offsets[length]! + counts[length]!;
      nextCode[length + 1] = (nextCode[length]! + counts[length]!) << 1;
    }
    // Only as many table entries as the longest code needs: small codes build in a few hundred writes.
    const tableBits = Math.min(Math.max(longest, 1), TABLE_BITS);
    const tableSize = 1 << tableBits;
    this.tableBits = tableBits;
    table.fill(0, 0, tableSize);
    for (let symbol = 0; symbol < count; symbol++) {
      const length = lengths[symbol]!;
      if (length === 0) continue;
      symbols[offsets[length]!++] = symbol;
      const code = nextCode[length]!++;
      if (length > tableBits) continue;
      // Bits arrive least significant first while codes are sent most significant bit first.
      const reversed = REVERSED[code]! >> (TABLE_BITS - length);
      for (let index = reversed; index < tableSize; index += 1 << length) table[index] = (symbol << 4) | length;
    }
    return true;
  }
}

class Malformed extends Error {}
/** Thrown inside the decoder for any malformed input; never escapes `inflateRawSmall`. */
const MALFORMED = new Malformed('malformed deflate stream');

const fixedLiterals = new HuffmanCode(288);
const fixedDistances = new HuffmanCode(30);
{
  const lengths = new Uint8Array(288);
  lengths.fill(8, 0, 144).fill(9, 144, 256).fill(7, 256, 280).fill(8, 280, 288);
  fixedLiterals.build(lengths, 288, 'never');
  // 30 distance symbols of 5 bits: patterns 30 and 31 stay unassigned, and decoding one is an error.
  fixedDistances.build(new Uint8Array(30).fill(5), 30, 'never');
}
/** Reused by every dynamic block (decoding is synchronous: calls never overlap). */
const dynamicLiterals = new HuffmanCode(286);
const dynamicDistances = new HuffmanCode(30);
const codeLengthCode = new HuffmanCode(19);
const codeLengthLengths = new Uint8Array(19);
const dynamicLengths = new Uint8Array(286 + 30);

class Decoder {
  private position = 0;
  private bitBuffer = 0;
  private bitCount = 0;
  private output: Buffer;
  private written = 0;

  constructor(
    private readonly input: Uint8Array,
    private readonly maxOutput: number,
    private readonly window: number,
  ) {
    this.output = Buffer.allocUnsafe(Math.min(maxOutput, Math.max(256, input.length * 4)));
  }

  run(): Buffer {
    for (;;) {
      // The input is used up but for zero padding in its last byte: where a sync flush's marker (an empty
      // stored block) begins when its last four bytes were left off.
      if (this.position >= this.input.length && this.bitCount < 8 && (this.bitBuffer & ((1 << this.bitCount) - 1)) === 0) break;
      const final = this.bits(1);
      const type = this.bits(2);
      if (type === 0) {
        if (!this.stored()) break;
      } else if (type === 1) {
        this.codes(fixedLiterals, fixedDistances);
      } else if (type === 2) {
        this.readDynamicCodes();
        this.codes(dynamicLiterals, dynamicDistances);
      } else {
        throw MALFORMED;
      }
      if (final === 1) break;
    }
    return this.output.subarray(0, this.written);
  }

  private bits(needed: number): number {
    while (this.bitCount < needed) {
      if (this.position >= this.input.length) throw MALFORMED;
      this.bitBuffer |= this.input[this.position++]! << this.bitCount;
      this.bitCount += 8;
    }
    const value = this.bitBuffer & ((1 << needed) - 1);
    this.bitBuffer >>>= needed;
    this.bitCount -= needed;
    return value;
  }

  /**
   * A stored block. False for the empty stored block a sync flush ends with when its last four bytes
   * (`00 00 ff ff`) were left off, as permessage-deflate does: the input ends right after its header.
   */
  private stored(): boolean {
    // The rest of the current byte is padding; whole bytes read ahead by `decode` are given back.
    this.position -= this.bitCount >> 3;
    this.bitBuffer = 0;
    this.bitCount = 0;
    const input = this.input;
    if (this.position === input.length) return false;
    if (this.position + 4 > input.length) throw MALFORMED;
    const length = input[this.position]! | (input[this.position + 1]! << 8);
    const inverted = input[this.position + 2]! | (input[this.position + 3]! << 8);
    this.position += 4;
    if (length !== (~inverted & 0xffff) || this.position + length > input.length) throw MALFORMED;
    this.reserve(length);
    this.output.set(input.subarray(this.position, this.position + length), this.written);
    this.written += length;
    this.position += length;
    return true;
  }

  private readDynamicCodes(): void {
    const literalCount = this.bits(5) + 257;
    const distanceCount = this.bits(5) + 1;
    const codeLengthCount = this.bits(4) + 4;
    if (literalCount > 286 || distanceCount > 30) throw MALFORMED;
    codeLengthLengths.fill(0);
    for (let index = 0; index < codeLengthCount; index++) codeLengthLengths[CODE_LENGTH_ORDER[index]!] = this.bits(3);
    if (!codeLengthCode.build(codeLengthLengths, 19, 'always')) throw MALFORMED;
    const total = literalCount + distanceCount;
    const lengths = dynamicLengths;
    for (let index = 0; index < total; ) {
      const symbol = this.decode(codeLengthCode);
      if (symbol < 16) {
        lengths[index++] = symbol;
        continue;
      }
      let repeat: number;
      let value = 0;
      if (symbol === 16) {
        if (index === 0) throw MALFORMED;
        value = lengths[index - 1]!;
        repeat = 3 + this.bits(2);
      } else if (symbol === 17) {
        repeat = 3 + this.bits(3);
      } else {
        repeat = 11 + this.bits(7);
      }
      if (index + repeat > total) throw MALFORMED;
      lengths.fill(value, index, index + repeat);
      index += repeat;
    }
    if (lengths[256] === 0) throw MALFORMED; // no end-of-block code
    if (!dynamicLiterals.build(lengths, literalCount, 'unless-single')) throw MALFORMED;
    if (!dynamicDistances.build(lengths.subarray(literalCount, total), distanceCount, 'unless-single')) throw MALFORMED;
  }

  /** The symbols of one Huffman-coded block, literals decoded in line with the bit state kept in locals. */
  private codes(literals: HuffmanCode, distances: HuffmanCode): void {
    const input = this.input;
    const literalTable = literals.table;
    const literalBits = literals.tableBits;
    const literalMask = (1 << literalBits) - 1;
    for (;;) {
      // Fast path: a literal whose code is in the table, written straight out.
      let bitBuffer = this.bitBuffer;
      let bitCount = this.bitCount;
      let position = this.position;
      while (bitCount < literalBits && position < input.length) {
        bitBuffer |= input[position++]! << bitCount;
        bitCount += 8;
      }
      this.position = position;
      const entry = literalTable[bitBuffer & literalMask]!;
      const entryLength = entry & 15;
      let symbol: number;
      if (entry !== 0 && entryLength <= bitCount) {
        this.bitBuffer = bitBuffer >>> entryLength;
        this.bitCount = bitCount - entryLength;
        symbol = entry >> 4;
      } else {
        this.bitBuffer = bitBuffer;
        this.bitCount = bitCount;
        symbol = this.decodeSlowly(literals);
      }
      if (symbol < 256) {
        if (this.written >= this.output.length) this.reserve(1);
        this.output[this.written++] = symbol;
        continue;
      }
      if (symbol === 256) return;
      const lengthIndex = symbol - 257;
      if (lengthIndex >= 29) throw MALFORMED;
      const length = LENGTH_BASE[lengthIndex]! + this.bits(LENGTH_EXTRA[lengthIndex]!);
      const distanceSymbol = this.decode(distances);
      if (distanceSymbol >= 30) throw MALFORMED;
      const distance = DISTANCE_BASE[distanceSymbol]! + this.bits(DISTANCE_EXTRA[distanceSymbol]!);
      // Each message is its own stream: nothing to refer to before its first byte.
      if (distance > this.written || distance > this.window) throw MALFORMED;
      this.reserve(length);
      const output = this.output;
      let written = this.written;
      for (let from = written - distance, end = written + length; written < end; ) output[written++] = output[from++]!;
      this.written = written;
    }
  }

  /** One symbol of `code`: one table lookup for a code of up to `tableBits` bits, else bit by bit. */
  private decode(code: HuffmanCode): number {
    const tableBits = code.tableBits;
    while (this.bitCount < tableBits && this.position < this.input.length) {
      this.bitBuffer |= this.input[this.position++]! << this.bitCount;
      this.bitCount += 8;
    }
    const entry = code.table[this.bitBuffer & ((1 << tableBits) - 1)]!;
    const length = entry & 15;
    if (entry !== 0 && length <= this.bitCount) {
      this.bitBuffer >>>= length;
      this.bitCount -= length;
      return entry >> 4;
    }
    return this.decodeSlowly(code);
  }

  /** Canonical decoding a bit at a time: codes longer than the table, and anything invalid. */
  private decodeSlowly(code: HuffmanCode): number {
    let value = 0;
    let first = 0;
    let index = 0;
    for (let length = 1; length <= MAX_BITS; length++) {
      value |= this.bits(1);
      const count = code.counts[length]!;
      if (value - first < count) return code.symbols[index + value - first]!;
      index += count;
      first = (first + count) << 1;
      value <<= 1;
    }
    throw MALFORMED;
  }

  private reserve(bytes: number): void {
    const needed = this.written + bytes;
    if (needed > this.maxOutput) throw MALFORMED;
    if (needed <= this.output.length) return;
    const grown = Buffer.allocUnsafe(Math.min(this.maxOutput, Math.max(needed, this.output.length * 2)));
    this.output.copy(grown, 0, 0, this.written);
    this.output = grown;
  }
}

/**
 * Inflates one raw DEFLATE stream: `input` is a whole message's compressed bytes, with or without the
 * `00 00 ff ff` a sync flush ends with. Null when it is malformed, refers back further than
 * `2^windowBits`, or inflates to more than `maxOutput` bytes.
 */
export function inflateRawSmall(input: Uint8Array, { maxOutput, windowBits = 15 }: { readonly maxOutput: number; readonly windowBits?: number }): Buffer | null {
  try {
    return new Decoder(input, maxOutput, 2 ** windowBits).run();
  } catch (error) {
    if (error instanceof Malformed) return null;
    throw error;
  }
}
