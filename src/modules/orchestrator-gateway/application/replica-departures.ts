import { Inject, Injectable, type OnApplicationBootstrap } from '@nestjs/common';
import { APP_CONFIG, type AppConfig } from '../../../config/app-config.js';
import { PgNotifications } from '../../../shared/database/pg-notifications.js';

const CHANNEL = 'kici_replica_leaving';
const REMEMBERED = 1000;

/**
 * Replicas that announced they are stopping. A request or webhook this replica relays to a session held
 * there would never be answered once that replica stops listening: it fails at once instead (503, so the
 * caller retries and lands on the orchestrator's new session) rather than after the proxy timeout.
 */
@Injectable()
export class ReplicaDepartures implements OnApplicationBootstrap {
  private readonly leaving = new Set<string>();
  private readonly listeners: ((replicaId: string) => void)[] = [];

  constructor(
    private readonly notifications: PgNotifications,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    await this.notifications.listen(CHANNEL, (replicaId) => {
      if (replicaId === this.config.instanceId) return;
      this.leaving.add(replicaId);
      if (this.leaving.size > REMEMBERED) this.leaving.delete(this.leaving.values().next().value!);
      for (const listener of this.listeners) listener(replicaId);
    });
  }

  /** This replica is stopping: tell the others before it stops listening. */
  async announce(): Promise<void> {
    await this.notifications.notify(CHANNEL, this.config.instanceId);
  }

  isLeaving(replicaId: string): boolean {
    return this.leaving.has(replicaId);
  }

  onLeaving(listener: (replicaId: string) => void): void {
    this.listeners.push(listener);
  }
}
