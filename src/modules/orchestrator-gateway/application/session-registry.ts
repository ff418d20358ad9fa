import { Injectable } from '@nestjs/common';
import { LocalCandidates } from './local-candidates.js';
import type { OrchestratorSession } from './orchestrator-session.js';

/**
 * The orchestrator sockets this replica holds once authenticated, by connection id, and indexed by
 * organization and cluster for routing (`candidates`).
 */
@Injectable()
export class SessionRegistry {
  private readonly sessions = new Map<string, OrchestratorSession>();
  readonly candidates = new LocalCandidates<OrchestratorSession>();

  add(session: OrchestratorSession): void {
    this.sessions.set(session.connectionId, session);
    this.candidates.add(session);
  }

  /** The session said which cluster it is (`source.register`): routing files it under that cluster. */
  registered(session: OrchestratorSession): void {
    this.candidates.refile(session);
  }

  remove(session: OrchestratorSession): void {
    this.sessions.delete(session.connectionId);
    this.candidates.remove(session);
  }

  get(connectionId: string): OrchestratorSession | undefined {
    return this.sessions.get(connectionId);
  }

  all(): IterableIterator<OrchestratorSession> {
    return this.sessions.values();
  }

  inOrg(orgId: string): OrchestratorSession[] {
    return this.candidates.sessionsOf(orgId);
  }

  withKey(keyId: string): OrchestratorSession[] {
    return [...this.sessions.values()].filter((session) => session.keyId === keyId);
  }

  get size(): number {
    return this.sessions.size;
  }
}
