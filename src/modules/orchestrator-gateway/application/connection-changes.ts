import { Inject, Injectable, Logger, type OnApplicationBootstrap } from '@nestjs/common';
import { APP_CONFIG, type AppConfig } from '../../../config/app-config.js';
import { PgNotifications } from '../../../shared/database/pg-notifications.js';
import { uuidv7 } from '../../../shared/ids/uuid-v7.js';

const CHANNEL = 'kici_org_connections_changed';
/** Changes are sent together: a reconnect storm is thousands of sessions within a second. */
const FLUSH_DELAY_MS = 5;
/** Organization ids per notification, well under PostgreSQL's 8000-byte payload limit. */
const ORGS_PER_NOTIFICATION = 150;
/** How long a change waits for its own notification to come back (then every replica has it too). */
const ECHO_WAIT_MS = 250;

interface Announcement {
  readonly replicaId: string;
  readonly orgIds: readonly string[];
  /** On the last notification of a batch: the sender waits for it to come back. */
  readonly batchId?: string;
}

interface Batch {
  readonly id: string;
  readonly orgIds: Set<string>;
  readonly echoed: Promise<void>;
}

/**
 * Tells the other replicas which organizations' orchestrator sessions changed here (opened, registered,
 * capabilities, ended), so the routing view they keep of this replica's sessions is read again. Sent
 * after the change committed, several changes per notification; a missed notification only delays the
 * re-read until the cached view expires.
 */
@Injectable()
export class ConnectionChanges implements OnApplicationBootstrap {
  private readonly logger = new Logger('ConnectionChanges');
  private batch: Batch | null = null;
  private readonly echoes = new Map<string, () => void>();
  private readonly listeners: ((orgIds: readonly string[]) => void)[] = [];

  constructor(
    private readonly notifications: PgNotifications,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    await this.notifications.listen(CHANNEL, (payload) => {
      const { replicaId, orgIds, batchId } = JSON.parse(payload) as Announcement;
      if (replicaId === this.config.instanceId) {
        if (batchId) this.echoes.get(batchId)?.();
        return;
      }
      for (const listener of this.listeners) listener(orgIds);
    });
  }

  /** Sessions of `orgId` on this replica changed (after commit). Does not wait for the notification. */
  announce(orgId: string): void {
    this.join(orgId);
  }

  /**
   * Announces and resolves once this replica heard its own notification back — by then the others have
   * it too — or after `ECHO_WAIT_MS`. For changes a client may act on at once through another replica:
   * a registration acknowledged to the orchestrator is a cluster any replica must route to.
   */
  announceAndWait(orgId: string): Promise<void> {
    return this.join(orgId).echoed;
  }

  /** Another replica's sessions of these organizations changed. */
  onChanged(listener: (orgIds: readonly string[]) => void): void {
    this.listeners.push(listener);
  }

  private join(orgId: string): Batch {
    if (!this.batch) {
      const id = uuidv7();
      const echoed = new Promise<void>((resolve) => {
        const done = (): void => {
          clearTimeout(timer);
          this.echoes.delete(id);
          resolve();
        };
        const timer = setTimeout(done, FLUSH_DELAY_MS + ECHO_WAIT_MS);
        timer.unref();
        this.echoes.set(id, done);
      });
      const batch: Batch = { id, orgIds: new Set(), echoed };
      this.batch = batch;
      setTimeout(() => void this.send(batch).catch((error: unknown) => this.logger.warn(`Could not announce session changes: ${String(error)}`)), FLUSH_DELAY_MS);
    }
    this.batch.orgIds.add(orgId);
    return this.batch;
  }

  private async send(batch: Batch): Promise<void> {
    this.batch = null;
    const orgIds = [...batch.orgIds];
    for (let start = 0; start < orgIds.length; start += ORGS_PER_NOTIFICATION) {
      const last = start + ORGS_PER_NOTIFICATION >= orgIds.length;
      const announcement: Announcement = { replicaId: this.config.instanceId, orgIds: orgIds.slice(start, start + ORGS_PER_NOTIFICATION), ...(last ? { batchId: batch.id } : {}) };
      await this.notifications.notify(CHANNEL, JSON.stringify(announcement));
    }
  }
}
