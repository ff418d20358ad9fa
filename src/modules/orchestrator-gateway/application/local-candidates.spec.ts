import { LocalCandidates, type RoutableSession } from './local-candidates.js';

interface TestSession extends RoutableSession {
  connectionId: string;
  orgId: string | null;
  registered: boolean;
  recordedClusterName: string | null;
  inFlight: number;
  unhealthy: boolean;
  authenticated: boolean;
}

const session = (connectionId: string, fields: Partial<TestSession> = {}): TestSession => ({
  connectionId,
  orgId: 'org-a',
  registered: true,
  recordedClusterName: 'eu-1',
  inFlight: 0,
  unhealthy: false,
  authenticated: true,
  ...fields,
});

describe('LocalCandidates', () => {
  it('files sessions by organization and cluster, and forgets them when removed', () => {
    const candidates = new LocalCandidates<TestSession>();
    const eu = session('c1');
    const us = session('c2', { recordedClusterName: 'us-1' });
    const nameless = session('c3', { recordedClusterName: null });
    const elsewhere = session('c4', { orgId: 'org-b' });
    for (const each of [eu, us, nameless, elsewhere]) candidates.add(each);

    expect(candidates.clusters('org-a').sort()).toEqual(['c3', 'eu-1', 'us-1']);
    expect(candidates.pick('org-a', 'us-1')).toBe(us);
    expect(candidates.pick('org-a', 'c3')).toBe(nameless);
    expect(candidates.pick('org-b', 'us-1')).toBeUndefined();

    candidates.remove(us);
    expect(candidates.clusters('org-a').sort()).toEqual(['c3', 'eu-1']);
    expect(candidates.pick('org-a', 'us-1')).toBeUndefined();
    candidates.remove(eu);
    candidates.remove(nameless);
    expect(candidates.clusters('org-a')).toEqual([]);
    expect(candidates.sessionsOf('org-a')).toEqual([]);
    expect(candidates.sessionsOf('org-b')).toEqual([elsewhere]);
  });

  it('keeps a session out of the clusters until it registers, then files it under its cluster', () => {
    const candidates = new LocalCandidates<TestSession>();
    const fresh = session('c1', { registered: false, recordedClusterName: null });
    candidates.add(fresh);
    expect(candidates.clusters('org-a')).toEqual([]);
    expect(candidates.unregistered('org-a')).toEqual([fresh]);

    fresh.registered = true;
    fresh.recordedClusterName = 'eu-1';
    candidates.refile(fresh);
    expect(candidates.unregistered('org-a')).toEqual([]);
    expect(candidates.clusters('org-a')).toEqual(['eu-1']);

    // A later register naming another cluster moves it.
    fresh.recordedClusterName = 'eu-2';
    candidates.refile(fresh);
    expect(candidates.clusters('org-a')).toEqual(['eu-2']);
    expect(candidates.pick('org-a', 'eu-1')).toBeUndefined();
    expect(candidates.pick('org-a', 'eu-2')).toBe(fresh);
  });

  it('does not file a session that was removed before it registered', () => {
    const candidates = new LocalCandidates<TestSession>();
    const gone = session('c1', { registered: false });
    candidates.add(gone);
    candidates.remove(gone);
    gone.registered = true;
    candidates.refile(gone);
    expect(candidates.clusters('org-a')).toEqual([]);
  });

  it('picks the least-loaded sibling and shares the work among equally loaded ones', () => {
    const candidates = new LocalCandidates<TestSession>();
    const siblings = ['c1', 'c2', 'c3'].map((id) => session(id));
    for (const sibling of siblings) candidates.add(sibling);

    const picked = Array.from({ length: 6 }, () => candidates.pick('org-a', 'eu-1')!.connectionId);
    expect(new Set(picked)).toEqual(new Set(['c1', 'c2', 'c3']));
    expect(picked.slice(0, 3).sort()).toEqual(['c1', 'c2', 'c3']);

    siblings[0]!.inFlight = 2;
    siblings[1]!.inFlight = 1;
    siblings[2]!.inFlight = 3;
    expect(candidates.pick('org-a', 'eu-1')).toBe(siblings[1]);
  });

  it('takes a sibling that missed heartbeats only when every sibling did', () => {
    const candidates = new LocalCandidates<TestSession>();
    const quiet = session('c1', { unhealthy: true });
    const busy = session('c2', { inFlight: 5 });
    candidates.add(quiet);
    candidates.add(busy);
    for (let i = 0; i < 3; i++) expect(candidates.pick('org-a', 'eu-1')).toBe(busy);
    candidates.remove(busy);
    expect(candidates.pick('org-a', 'eu-1')).toBe(quiet);
  });

  it('gives nothing to a session being closed, though it stays filed until its socket is gone', () => {
    const candidates = new LocalCandidates<TestSession>();
    const closing = session('c1', { authenticated: false });
    candidates.add(closing);
    expect(candidates.clusters('org-a')).toEqual(['eu-1']);
    expect(candidates.pick('org-a', 'eu-1')).toBeUndefined();
    const sibling = session('c2');
    candidates.add(sibling);
    expect(candidates.pick('org-a', 'eu-1')).toBe(sibling);
  });
});
