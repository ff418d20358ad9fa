import type { KeptEntry } from '../../../shared/auth/access-cache.js';
import type { Principal } from '../../../shared/auth/principal.js';
import { ConnectionCredentialMemo } from './connection-credential-memo.js';

const principal = (userId: string): Principal => ({
  kind: 'user',
  credential: 'pat',
  userId,
  issuer: 'https://issuer.example',
  subject: userId,
  email: null,
  emailVerified: false,
  displayName: null,
  pat: null,
});

/** A cache entry the test drops by hand. */
function entry(value: Principal): KeptEntry<Principal> & { live: boolean } {
  return {
    value,
    live: true,
    isLive(): boolean {
      return this.live;
    },
  };
}

describe('ConnectionCredentialMemo', () => {
  const header = 'Bearer kici_pat_aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa';
  const now = 1_000;

  it('recalls the principal of the header a connection authenticated with last', () => {
    const memo = new ConnectionCredentialMemo();
    const connection = {};
    const alice = principal('alice');
    memo.remember(connection, header, entry(alice));
    expect(memo.recall(connection, `${header}`, now)).toBe(alice);
  });

  it('recalls nothing for another connection, another header, or no connection', () => {
    const memo = new ConnectionCredentialMemo();
    const connection = {};
    memo.remember(connection, header, entry(principal('alice')));
    expect(memo.recall({}, header, now)).toBeUndefined();
    expect(memo.recall(connection, `${header.slice(0, -1)}b`, now)).toBeUndefined();
    expect(memo.recall(connection, header.slice(0, -1), now)).toBeUndefined();
    expect(memo.recall(undefined, header, now)).toBeUndefined();
    memo.remember(null, header, entry(principal('bob')));
    expect(memo.recall(null, header, now)).toBeUndefined();
  });

  it('recalls nothing once the cache entry behind it is dropped (revocation, expiry)', () => {
    const memo = new ConnectionCredentialMemo();
    const connection = {};
    const kept = entry(principal('alice'));
    memo.remember(connection, header, kept);
    kept.live = false;
    expect(memo.recall(connection, header, now)).toBeUndefined();
  });

  it("keeps one header per connection: another caller's header on it replaces the first", () => {
    const memo = new ConnectionCredentialMemo();
    const connection = {};
    const bobHeader = 'Bearer kici_pat_bbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb';
    const bob = principal('bob');
    memo.remember(connection, header, entry(principal('alice')));
    memo.remember(connection, bobHeader, entry(bob));
    expect(memo.recall(connection, header, now)).toBeUndefined();
    expect(memo.recall(connection, bobHeader, now)).toBe(bob);
  });
});
