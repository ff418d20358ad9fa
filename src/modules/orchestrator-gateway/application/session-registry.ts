import { Injectable } from '@nestjs/common';
import type { OrchestratorSession } from './orchestrator-session.js';

/** The orchestrator sockets this replica holds, by connection id. */
@Injectable()
export class SessionRegistry {
  private readonly sessions = new Map<string, OrchestratorSession>();

  add(session: OrchestratorSession): void {
    this.sessions.set(session.connectionId, session);
  }

  remove(session: OrchestratorSession): void {
    this.sessions.delete(session.connectionId);
  }

  get(connectionId: string): OrchestratorSession | undefined {
    return this.sessions.get(connectionId);
  }

  all(): IterableIterator<OrchestratorSession> {
    return this.sessions.values();
  }

  withKey(keyId: string): OrchestratorSession[] {
    return [...this.sessions.values()].filter((session) => session.keyId === keyId);
  }

  get size(): number {
    return this.sessions.size;
  }
}
