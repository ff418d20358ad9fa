/** What the routing index reads of a session (an `OrchestratorSession`; plain objects in unit tests). */
export interface RoutableSession {
  readonly connectionId: string;
  readonly orgId: string | null;
  readonly registered: boolean;
  readonly recordedClusterName: string | null;
  readonly inFlight: number;
  readonly unhealthy: boolean;
  /** False once the Platform started closing it: it stays filed until its socket is gone, but gets nothing. */
  readonly authenticated: boolean;
}

/** The key a session's cluster is known by: its name, or its own connection id when it gave none. */
export const clusterKeyOf = (session: Pick<RoutableSession, 'connectionId' | 'recordedClusterName'>): string => session.recordedClusterName ?? session.connectionId;

/** A sibling that missed heartbeats is taken only when every sibling did. */
const UNHEALTHY_PENALTY = 1_000_000;

/**
 * The HA siblings of one cluster on this replica. `pick` takes the least-loaded one (fewest proxied
 * requests in flight), going round the list from where the last pick stopped so equals share the work.
 * Usually a sibling with nothing in flight is met within a step or two, so a pick stays cheap even with
 * thousands of siblings; add and remove are O(1) (swap with the last).
 */
class Siblings<S extends RoutableSession> {
  private readonly list: S[] = [];
  private readonly positions = new Map<S, number>();
  private cursor = 0;

  get size(): number {
    return this.list.length;
  }

  add(session: S): void {
    if (this.positions.has(session)) return;
    this.positions.set(session, this.list.length);
    this.list.push(session);
  }

  remove(session: S): void {
    const position = this.positions.get(session);
    if (position === undefined) return;
    this.positions.delete(session);
    const last = this.list.pop()!;
    if (last !== session) {
      this.list[position] = last;
      this.positions.set(last, position);
    }
  }

  pick(): S | undefined {
    const count = this.list.length;
    if (count === 0) return undefined;
    let best = -1;
    let bestLoad = Infinity;
    for (let step = 0; step < count; step++) {
      const position = (this.cursor + step) % count;
      const session = this.list[position]!;
      if (!session.authenticated) continue;
      const load = session.inFlight + (session.unhealthy ? UNHEALTHY_PENALTY : 0);
      if (load < bestLoad) {
        best = position;
        bestLoad = load;
        if (load === 0) break;
      }
    }
    if (best < 0) return undefined;
    this.cursor = best + 1;
    return this.list[best];
  }
}

interface OrgSessions<S extends RoutableSession> {
  /** Registered sessions by cluster key. */
  readonly clusters: Map<string, Siblings<S>>;
  /** Sessions that have not sent their first `source.register`: they have not said which cluster they are. */
  readonly unregistered: Set<S>;
  /** Where each session is filed (its cluster key, or null while unregistered), to move or remove it. */
  readonly filedUnder: Map<S, string | null>;
}

/**
 * The authenticated sessions of this replica by organization and cluster: what a proxied request is routed
 * on without reading the database. Kept current by the session registry (add, remove) and by the session
 * protocol (`refile` after a `source.register` says which cluster a session is).
 */
export class LocalCandidates<S extends RoutableSession> {
  private readonly orgs = new Map<string, OrgSessions<S>>();

  add(session: S): void {
    if (!session.orgId) return;
    let org = this.orgs.get(session.orgId);
    if (!org) {
      org = { clusters: new Map(), unregistered: new Set(), filedUnder: new Map() };
      this.orgs.set(session.orgId, org);
    }
    this.file(org, session);
  }

  /** The session registered or changed its cluster name: file it where it now belongs. */
  refile(session: S): void {
    const org = session.orgId ? this.orgs.get(session.orgId) : undefined;
    if (!org?.filedUnder.has(session)) return;
    this.unfile(org, session);
    this.file(org, session);
  }

  remove(session: S): void {
    const org = session.orgId ? this.orgs.get(session.orgId) : undefined;
    if (!org?.filedUnder.has(session)) return;
    this.unfile(org, session);
    if (org.filedUnder.size === 0) this.orgs.delete(session.orgId!);
  }

  /** Cluster keys of the organization's registered sessions here. */
  clusters(orgId: string): string[] {
    const org = this.orgs.get(orgId);
    return org ? [...org.clusters.keys()] : [];
  }

  /** The least-loaded registered session of `cluster` here, if any. */
  pick(orgId: string, cluster: string): S | undefined {
    return this.orgs.get(orgId)?.clusters.get(cluster)?.pick();
  }

  unregistered(orgId: string): readonly S[] {
    const org = this.orgs.get(orgId);
    return org ? [...org.unregistered] : [];
  }

  /** Every session of the organization here, registered or not. */
  sessionsOf(orgId: string): S[] {
    return [...(this.orgs.get(orgId)?.filedUnder.keys() ?? [])];
  }

  private file(org: OrgSessions<S>, session: S): void {
    if (!session.registered) {
      org.unregistered.add(session);
      org.filedUnder.set(session, null);
      return;
    }
    const key = clusterKeyOf(session);
    let siblings = org.clusters.get(key);
    if (!siblings) {
      siblings = new Siblings<S>();
      org.clusters.set(key, siblings);
    }
    siblings.add(session);
    org.filedUnder.set(session, key);
  }

  private unfile(org: OrgSessions<S>, session: S): void {
    const key = org.filedUnder.get(session);
    org.filedUnder.delete(session);
    if (key === null || key === undefined) {
      org.unregistered.delete(session);
      return;
    }
    const siblings = org.clusters.get(key);
    siblings?.remove(session);
    if (siblings?.size === 0) org.clusters.delete(key);
  }
}
