import { Inject, Injectable, Logger, type OnApplicationBootstrap, type OnModuleDestroy } from '@nestjs/common';
import { setImmediate as nextTurn, setTimeout as sleep } from 'node:timers/promises';
import { APP_CONFIG, type AppConfig } from '../../../config/app-config.js';
import { CloseCode } from '../protocol/close-codes.js';
import { ConnectionStore } from './connection-store.js';
import type { OrchestratorSession } from './orchestrator-session.js';
import { SessionRegistry } from './session-registry.js';
import { sessionsToVouch, VOUCH_CHUNK_ROWS, vouchDue, vouchPauseMs } from './vouch-schedule.js';

/** Sessions looked at per turn of the event loop: requests are served between slices, not after all 10,000. */
const SLICE = 500;
/** Pings a socket may leave unanswered, one check period apart, before it counts as half-open. */
const UNANSWERED_PINGS = 2;

/**
 * Every check period: closes sessions silent past the heartbeat timeout (4004), flags the ones past the
 * unhealthy mark, pings sockets that are overdue to find half-open ones, tells the
 * database this replica still holds its sessions (with their last heartbeats), and reaps sessions of
 * replicas that stopped doing so.
 *
 * The database write is the cost that grows with the number of sockets (a 10,000-row UPDATE took a
 * quarter of a second of PostgreSQL's time), so a session's row is written when its first heartbeat
 * arrives and then once per vouch interval — a third of the reaping threshold, so at least 10 s — rather
 * than at every check; `last_heartbeat_at` is that much behind at most. Each check writes at most its
 * share of the rows (`sessionsToVouch`), so the writes of an interval are spread over its checks, and that
 * share in small statements spread over the check (`vouchPauseMs`).
 */
@Injectable()
export class HeartbeatMonitor implements OnApplicationBootstrap, OnModuleDestroy {
  private readonly logger = new Logger('HeartbeatMonitor');
  private timer: NodeJS.Timeout | undefined;
  private checking = false;
  private stopped = false;

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly registry: SessionRegistry,
    private readonly store: ConnectionStore,
  ) {}

  /** Sessions of a replica silent in the database for this long are reaped. */
  private get reapAfterMs(): number {
    return Math.max(3 * this.config.gateway.heartbeatCheckMs, 30_000);
  }

  private get vouchIntervalMs(): number {
    return this.reapAfterMs / 3;
  }

  /**
   * A socket is pinged once it is overdue: silent for half the unhealthy mark, 1.5 heartbeat intervals in
   * the spec's proportions (beat 30 s, unhealthy 90 s), so a half-open one is still ended long before the
   * 4004 timeout. Pinging every socket quiet for one check period instead pinged about half of the healthy
   * ones at every check (they beat every two periods): 5,000 pings and pongs in one burst with 10,000
   * sockets, which held the event loop for 100–300 ms each time.
   */
  private get pingWhenSilentMs(): number {
    return Math.max(this.config.gateway.heartbeatCheckMs, this.config.gateway.heartbeatUnhealthyMs / 2);
  }

  onApplicationBootstrap(): void {
    this.timer = setInterval(() => void this.runCheck(), this.config.gateway.heartbeatCheckMs);
    this.timer.unref();
  }

  onModuleDestroy(): void {
    this.stopped = true;
    clearInterval(this.timer);
  }

  /** A check still writing when the next period starts is not run twice at once. */
  private async runCheck(): Promise<void> {
    if (this.checking) return;
    this.checking = true;
    try {
      await this.check();
    } catch (error) {
      this.logger.error(String(error));
    } finally {
      this.checking = false;
    }
  }

  async check(): Promise<void> {
    const sessions = [...this.registry.all()];
    const due: OrchestratorSession[] = [];
    for (let start = 0; start < sessions.length; start += SLICE) {
      if (start > 0) await nextTurn();
      const now = Date.now();
      for (const session of sessions.slice(start, start + SLICE)) {
        if (this.inspect(session, now) && vouchDue(session, now, this.vouchIntervalMs)) due.push(session);
      }
    }
    await this.vouch(sessionsToVouch(due, sessions.length, this.config.gateway.heartbeatCheckMs, this.vouchIntervalMs));
    await this.store.reapStale(this.reapAfterMs);
  }

  /** Applies the timeouts to one session; true if it stays. */
  private inspect(session: OrchestratorSession, now: number): boolean {
    if (!session.authenticated) return false;
    const { heartbeatTimeoutMs, heartbeatUnhealthyMs, heartbeatCheckMs } = this.config.gateway;
    const silentFor = now - (session.lastHeartbeatAt || session.authenticatedAt);
    if (silentFor >= heartbeatTimeoutMs) {
      this.logger.warn(`Closing ${session.connectionId}: no heartbeat for ${Math.round(silentFor / 1000)} s`);
      session.close(CloseCode.HEARTBEAT_TIMEOUT, 'Heartbeat timeout');
      return false;
    }
    if (silentFor >= heartbeatUnhealthyMs && !session.unhealthy) {
      session.unhealthy = true;
      this.logger.warn(`Orchestrator connection ${session.connectionId} is unhealthy: no heartbeat for ${Math.round(silentFor / 1000)} s`);
    }
    // Anything received (a frame, a pong) proves the socket alive; only an overdue one is pinged. One that
    // leaves pings unanswered for two periods is half-open: end it, its close handler cleans up. (One
    // period was too strict: a busy but healthy orchestrator's pong can be that late.)
    if (session.pingedAt > 0 && session.lastSeenAt >= session.pingedAt) session.pingedAt = 0;
    if (now - session.lastSeenAt < this.pingWhenSilentMs) return true;
    if (session.pingedAt > 0 && now - session.pingedAt >= UNANSWERED_PINGS * heartbeatCheckMs) {
      session.socket.terminate();
      return false;
    }
    if (session.pingedAt === 0) session.pingedAt = now;
    session.socket.ping();
    return true;
  }

  private async vouch(sessions: readonly OrchestratorSession[]): Promise<void> {
    const pauseMs = vouchPauseMs(sessions.length, this.config.gateway.heartbeatCheckMs);
    for (let start = 0; start < sessions.length && !this.stopped; start += VOUCH_CHUNK_ROWS) {
      if (start > 0) await sleep(pauseMs, undefined, { ref: false });
      // A session that ended during the pauses has had its row ended; it is not vouched for again.
      const chunk = sessions.slice(start, start + VOUCH_CHUNK_ROWS).filter((session) => session.authenticated);
      if (chunk.length === 0 || this.stopped) continue;
      const heartbeats = chunk.map((session) => session.lastHeartbeatAt);
      const now = Date.now();
      await this.store.touch(chunk, heartbeats);
      chunk.forEach((session, i) => {
        session.vouchedAt = now;
        session.recordedHeartbeatAt = heartbeats[i]!;
      });
    }
  }
}
