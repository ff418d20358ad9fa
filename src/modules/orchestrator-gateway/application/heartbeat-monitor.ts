import { Inject, Injectable, Logger, type OnApplicationBootstrap, type OnModuleDestroy } from '@nestjs/common';
import { APP_CONFIG, type AppConfig } from '../../../config/app-config.js';
import { CloseCode } from '../protocol/close-codes.js';
import { ConnectionStore } from './connection-store.js';
import { SessionRegistry } from './session-registry.js';

/**
 * Every check period: closes sessions silent past the heartbeat timeout (4004), flags the ones past the
 * unhealthy mark, pings every socket to find half-open ones, tells the database this replica still holds
 * its sessions (with their last heartbeats), and reaps sessions of replicas that stopped doing so.
 */
@Injectable()
export class HeartbeatMonitor implements OnApplicationBootstrap, OnModuleDestroy {
  private readonly logger = new Logger('HeartbeatMonitor');
  private timer: NodeJS.Timeout | undefined;
  private readonly awaitingPong = new WeakSet<object>();

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly registry: SessionRegistry,
    private readonly store: ConnectionStore,
  ) {}

  onApplicationBootstrap(): void {
    this.timer = setInterval(() => void this.check().catch((error: unknown) => this.logger.error(String(error))), this.config.gateway.heartbeatCheckMs);
    this.timer.unref();
  }

  onModuleDestroy(): void {
    clearInterval(this.timer);
  }

  async check(): Promise<void> {
    const now = Date.now();
    const { heartbeatTimeoutMs, heartbeatUnhealthyMs, heartbeatCheckMs } = this.config.gateway;
    for (const session of [...this.registry.all()]) {
      if (!session.authenticated) continue;
      const silentFor = now - (session.lastHeartbeatAt || session.authenticatedAt);
      if (silentFor >= heartbeatTimeoutMs) {
        this.logger.warn(`Closing ${session.connectionId}: no heartbeat for ${Math.round(silentFor / 1000)} s`);
        session.close(CloseCode.HEARTBEAT_TIMEOUT, 'Heartbeat timeout');
        continue;
      }
      if (silentFor >= heartbeatUnhealthyMs && !session.unhealthy) {
        session.unhealthy = true;
        this.logger.warn(`Orchestrator connection ${session.connectionId} is unhealthy: no heartbeat for ${Math.round(silentFor / 1000)} s`);
      }
      this.ping(session.socket);
    }
    const live = [...this.registry.all()].filter((session) => session.authenticated);
    await this.store.touch(live);
    await this.store.reapStale(Math.max(3 * heartbeatCheckMs, 30_000));
  }

  /** A socket that did not answer the previous ping is half-open: end it, its close handler cleans up. */
  private ping(socket: import('ws').WebSocket): void {
    if (this.awaitingPong.has(socket)) {
      socket.terminate();
      return;
    }
    this.awaitingPong.add(socket);
    socket.once('pong', () => this.awaitingPong.delete(socket));
    socket.ping();
  }
}
