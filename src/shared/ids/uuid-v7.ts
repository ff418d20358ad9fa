import { randomFillSync } from 'node:crypto';

/** Random bytes drawn 4 KiB at a time: one system call per 512 ids instead of one per id (ids are made per request). */
const POOL_SIZE = 4096;
const pool = Buffer.allocUnsafe(POOL_SIZE);
let poolOffset = POOL_SIZE;

/** The next random byte of the pool, refilled when spent. */
function randomByte(): number {
  if (poolOffset === POOL_SIZE) {
    randomFillSync(pool);
    poolOffset = 0;
  }
  return pool[poolOffset++]!;
}

const HEX_DIGITS = Buffer.from('0123456789abcdef', 'latin1');
/**
 * The id's text is written into this buffer and read out as one string: building it from a byte buffer,
 * its hex string and five slices made six objects (≈ 1 KB) per id, and an id is made for every proxied
 * request, event and audit row.
 */
const text = Buffer.from('00000000-0000-0000-0000-000000000000', 'latin1');
/** Where each of the 16 bytes goes in the text (two hex digits each, dashes left in place). */
const TEXT_OFFSETS = [0, 2, 4, 6, 9, 11, 14, 16, 19, 21, 24, 26, 28, 30, 32, 34];

function writeByte(index: number, byte: number): void {
  const at = TEXT_OFFSETS[index]!;
  text[at] = HEX_DIGITS[byte >> 4]!;
  text[at + 1] = HEX_DIGITS[byte & 0x0f]!;
}

let lastMillis = 0;
let sequence = 0;

/**
 * A UUID version 7 (RFC 9562): 48-bit Unix milliseconds, then random bits. Ids made in one process are
 * strictly increasing (a 12-bit counter in `rand_a` orders ids of the same millisecond), so rows keyed by
 * them sort by creation time and B-tree inserts stay at the right edge of the index.
 */
export function uuidv7(now: number = Date.now()): string {
  let millis = Math.max(now, lastMillis);
  if (millis === lastMillis) {
    sequence += 1;
    if (sequence > 0xfff) {
      millis += 1;
      sequence = 0;
    }
  } else {
    sequence = 0;
  }
  lastMillis = millis;

  // 48-bit milliseconds, big-endian: the top 32 bits, then the low 16 (bit operators work on 32 bits).
  const high = Math.floor(millis / 0x10000);
  for (let i = 0; i < 4; i++) writeByte(i, (high >>> (24 - 8 * i)) & 0xff);
  writeByte(4, (millis >>> 8) & 0xff);
  writeByte(5, millis & 0xff);
  writeByte(6, 0x70 | (sequence >> 8));
  writeByte(7, sequence & 0xff);
  writeByte(8, 0x80 | (randomByte() & 0x3f));
  for (let i = 9; i < 16; i++) writeByte(i, randomByte());
  return text.toString('latin1');
}

const UUID_PATTERN = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

/** True for a lower-case canonical UUID of any version. */
export function isUuid(value: string): boolean {
  return UUID_PATTERN.test(value);
}
