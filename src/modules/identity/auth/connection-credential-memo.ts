import type { KeptEntry } from '../../../shared/auth/access-cache.js';
import type { Principal } from '../../../shared/auth/principal.js';
import { sameText } from '../../../shared/crypto/same-text.js';

interface Remembered {
  readonly header: string;
  readonly entry: KeptEntry<Principal>;
}

/**
 * The `Authorization` header each keep-alive connection last authenticated with, beside the access-cache
 * entry it resolved to. A client sends the same header on every request of a connection; when the next one
 * carries it again (compared in constant time) and the entry still lives, the caller is known without
 * parsing the header or hashing the token. That hash is a call into OpenSSL, which costs a request far more
 * than its arithmetic: on the Platform under load, 8–10 µs of CPU a request (the same call repeated in a
 * loop inside the same process: 0.4–0.9 µs; presumably OpenSSL's code and tables have left the CPU's caches
 * by the time the next request needs them).
 *
 * The header is kept as it came, in memory only, for as long as its connection is open (the connection is
 * the key of a WeakMap); it is never written anywhere. Whatever drops the cache entry — a revocation's
 * notification, a change of members or roles, expiry — ends the reuse, so revocation stays immediate.
 */
export class ConnectionCredentialMemo {
  private readonly byConnection = new WeakMap<object, Remembered>();

  /** The principal `connection` authenticated with `header` last time, if that is still valid at `now`. */
  recall(connection: object | null | undefined, header: string, now: number): Principal | undefined {
    if (!connection) return undefined;
    const remembered = this.byConnection.get(connection);
    if (remembered === undefined || !remembered.entry.isLive(now) || !sameText(remembered.header, header)) return undefined;
    return remembered.entry.value;
  }

  remember(connection: object | null | undefined, header: string, entry: KeptEntry<Principal>): void {
    if (connection) this.byConnection.set(connection, { header, entry });
  }
}
