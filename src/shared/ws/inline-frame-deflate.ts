import { createRequire } from 'node:module';
import { constants, deflateRawSync, inflateRawSync, type ZlibOptions } from 'node:zlib';
import { inflateRawSmall } from './raw-inflate.js';

/**
 * permessage-deflate for small frames without the thread pool.
 *
 * `ws` (de)compresses every frame through a zlib stream whose work runs on libuv's thread pool: for a
 * 200-byte ack that is two thread hops and a stream's worth of bookkeeping, ≈ 60 µs of CPU to do ≈ 2 µs of
 * inflating (measured on the webhook relay path, where it was a quarter of the Platform's CPU). When
 * neither side keeps context between messages (what the Platform negotiates), every message is a
 * complete deflate stream of its own, so a small one can be done in line with zlib's one-shot functions
 * (and a very small one inflated without zlib, by `raw-inflate.ts`).
 * Large frames, fragmented messages, context takeover, and anything the one-shot call fails on (a corrupt
 * frame, output over the in-line cap) take `ws`'s own path unchanged, so its limits and close codes
 * (1007, 1009) stay its own.
 *
 * `ws` builds its `PerMessageDeflate` itself and does not export it; this replaces two methods on its
 * prototype, in the copy of `ws` that a given module resolves.
 */

/** Frames up to this size (compressed on the way in, raw on the way out) are done in line: ≤ ≈ 0.5 ms. */
export const INLINE_INPUT_LIMIT_BYTES = 64 * 1024;
/**
 * Compressed frames up to this size are inflated by `raw-inflate.ts` rather than zlib: for them zlib's
 * per-call stream, handle and state cost more than the decoding (and outlive young collections).
 */
export const SMALL_INPUT_LIMIT_BYTES = 4 * 1024;
/** An inflated frame larger than this goes back to `ws`'s stream (which also enforces `maxPayload`). */
export const INLINE_OUTPUT_LIMIT_BYTES = 256 * 1024;

const TRAILER = Buffer.from([0x00, 0x00, 0xff, 0xff]);
const INSTALLED = Symbol.for('kici.inline-frame-deflate');
/** Set while a fragmented message is going through `ws`'s stream: its next fragments must follow it there. */
const MID_MESSAGE_IN = Symbol('mid-message-in');
const MID_MESSAGE_OUT = Symbol('mid-message-out');

type Callback = (error: Error | null, result?: Buffer) => void;

/** The parts of `ws`'s `PerMessageDeflate` this relies on (ws 8). */
interface PerMessageDeflate {
  readonly _isServer: boolean;
  readonly _options: { readonly zlibDeflateOptions?: ZlibOptions; readonly zlibInflateOptions?: ZlibOptions };
  readonly params: Record<string, unknown> | null;
  [MID_MESSAGE_IN]?: boolean;
  [MID_MESSAGE_OUT]?: boolean;
  decompress(data: Buffer, fin: boolean, callback: Callback): void;
  compress(data: Buffer | string, fin: boolean, callback: Callback): void;
}

interface PerMessageDeflateClass {
  prototype: PerMessageDeflate & { [INSTALLED]?: true };
}

/** Counts of frames done in line, for tests and curiosity. */
export const inlineFrameDeflateCounts = { inflated: 0, deflated: 0 };

const windowBitsOf = (value: unknown): number => (typeof value === 'number' ? value : constants.Z_DEFAULT_WINDOWBITS);

/**
 * zlib's output chunk for a one-shot call, sized to the frame: its default (16 KiB, a fresh allocation
 * outside the heap per call) made every small frame cost a third more CPU and four times the collections.
 */
const chunkSizeFor = (expectedBytes: number): number => Math.min(64 * 1024, Math.max(1024, 2 ** Math.ceil(Math.log2(expectedBytes))));

/** Each message its own deflate stream for this direction (the peer's when reading, ours when writing). */
const independentMessages = (deflate: PerMessageDeflate, endpoint: 'client' | 'server'): boolean => deflate.params?.[`${endpoint}_no_context_takeover`] === true;

function inflateInline(deflate: PerMessageDeflate, data: Buffer): Buffer | null {
  const peer = deflate._isServer ? 'client' : 'server';
  if (!independentMessages(deflate, peer) || data.length > INLINE_INPUT_LIMIT_BYTES) return null;
  const windowBits = windowBitsOf(deflate.params?.[`${peer}_max_window_bits`]);
  // Small frames (acks, most proxied answers) without zlib at all; anything it refuses goes on to zlib.
  const small = data.length <= SMALL_INPUT_LIMIT_BYTES ? inflateRawSmall(data, { maxOutput: INLINE_OUTPUT_LIMIT_BYTES, windowBits }) : null;
  if (small) return small;
  try {
    return inflateRawSync(Buffer.concat([data, TRAILER]), {
      ...deflate._options.zlibInflateOptions,
      windowBits,
      finishFlush: constants.Z_SYNC_FLUSH,
      maxOutputLength: INLINE_OUTPUT_LIMIT_BYTES,
      // JSON frames inflate to a few times their size; a larger one just takes more chunks.
      chunkSize: chunkSizeFor(data.length * 4),
    });
  } catch {
    return null;
  }
}

function deflateInline(deflate: PerMessageDeflate, data: Buffer | string): Buffer | null {
  const own = deflate._isServer ? 'server' : 'client';
  const length = typeof data === 'string' ? Buffer.byteLength(data) : data.length;
  if (!independentMessages(deflate, own) || length > INLINE_INPUT_LIMIT_BYTES) return null;
  try {
    const compressed = deflateRawSync(data, {
      ...deflate._options.zlibDeflateOptions,
      windowBits: windowBitsOf(deflate.params?.[`${own}_max_window_bits`]),
      finishFlush: constants.Z_SYNC_FLUSH,
      chunkSize: chunkSizeFor(length + 64),
    });
    // The empty stored block a sync flush ends with is implied on the wire (RFC 7692 §7.2.1), as `ws` does.
    return compressed.subarray(0, compressed.length - TRAILER.length);
  } catch {
    return null;
  }
}

type Transform<In> = (this: PerMessageDeflate, data: In, fin: boolean, callback: Callback) => void;

/**
 * Wraps `ws`'s method `stream` with an in-line attempt: a whole message (not a fragment, not following one
 * that went to the stream) is done by `inline` when it can; anything else goes to the stream, which keeps
 * a fragmented message's later fragments there (`midMessage`).
 */
function inlineFirst<In>(
  stream: Transform<In>,
  inline: (deflate: PerMessageDeflate, data: In) => Buffer | null,
  midMessage: typeof MID_MESSAGE_IN | typeof MID_MESSAGE_OUT,
  counted: () => void,
): Transform<In> {
  return function (this: PerMessageDeflate, data: In, fin: boolean, callback: Callback): void {
    const done = fin && !this[midMessage] ? inline(this, data) : null;
    if (done) {
      counted();
      queueMicrotask(() => callback(null, done));
      return;
    }
    this[midMessage] = !fin;
    stream.call(this, data, fin, callback);
  };
}

/**
 * Installs the in-line path on the `ws` that `fromModule` (a file URL or path) resolves; once per copy.
 * Callbacks still run asynchronously: `ws`'s receiver stops its parse loop on a pending inflate and resumes
 * it from the callback, and would run its loop twice if called back synchronously.
 */
export function installInlineFrameDeflate(fromModule: string): void {
  const wsEntry = createRequire(fromModule).resolve('ws');
  const PerMessageDeflate = createRequire(wsEntry)('./lib/permessage-deflate.js') as PerMessageDeflateClass;
  const prototype = PerMessageDeflate.prototype;
  if (prototype[INSTALLED]) return;
  prototype.decompress = inlineFirst(prototype.decompress, inflateInline, MID_MESSAGE_IN, () => inlineFrameDeflateCounts.inflated++);
  prototype.compress = inlineFirst(prototype.compress, deflateInline, MID_MESSAGE_OUT, () => inlineFrameDeflateCounts.deflated++);
  prototype[INSTALLED] = true;
}
