import type { Duplex } from 'node:stream';

/**
 * Holds what is written to `socket` until the promise continuations now under way have run, so messages
 * sent one behind the other in that time leave in one system call instead of one each (on a machine
 * shared with the peer, each write costs tens of microseconds and a wake-up). Not to the end of the
 * event-loop turn: a caller may hold locks elsewhere that other callbacks of the turn must not wait on.
 * A socket already held, or none (a library's private field that is missing), is left as it is.
 */
export function holdWritesUntilNextTick(socket: Duplex | undefined): void {
  holdWrites(socket, (uncork) => process.nextTick(uncork));
}

/**
 * Holds what is written to `socket` until the I/O callbacks of this event-loop turn have run (released in
 * the turn's check phase), so what many callbacks of the turn send — under load, the relays of several
 * requests that arrived together — leaves in one system call. For writers that hold nothing others wait
 * on while the bytes are held: the delay is at most the rest of the turn. Same rules as above otherwise.
 */
export function holdWritesUntilTurnEnds(socket: Duplex | undefined): void {
  holdWrites(socket, (uncork) => setImmediate(uncork));
}

/** Corks `socket` unless it is missing or already corked, and has `release` schedule the uncork. */
function holdWrites(socket: Duplex | undefined, release: (uncork: () => void) => void): void {
  if (!socket || typeof socket.cork !== 'function' || socket.writableCorked > 0) return;
  socket.cork();
  release(() => socket.uncork());
}
