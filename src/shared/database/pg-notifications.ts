import { Inject, Injectable, Logger, type OnApplicationShutdown } from '@nestjs/common';
import pg from 'pg';
import { DataSource } from 'typeorm';

/** Injection token of the PostgreSQL URL the process uses (configured or embedded). */
export const DATABASE_URL = Symbol('DATABASE_URL');

type Handler = (payload: string) => void;

/**
 * Cross-replica signals over PostgreSQL LISTEN/NOTIFY (spec decision 7: no other server). One dedicated
 * connection listens for every channel a module subscribes to and reconnects when it drops; sends go
 * through the ordinary pool. Payloads must stay under PostgreSQL's 8000-byte limit: larger ones belong in
 * a table row the notification names.
 */
@Injectable()
export class PgNotifications implements OnApplicationShutdown {
  private readonly logger = new Logger('PgNotifications');
  private readonly handlers = new Map<string, Handler[]>();
  private readonly resubscribedHandlers: (() => void)[] = [];
  private client: pg.Client | null = null;
  private connecting: Promise<void> | null = null;
  private closed = false;
  private subscribing: Promise<void> = Promise.resolve();
  private reconnectTimer: NodeJS.Timeout | undefined;

  constructor(
    @Inject(DATABASE_URL) private readonly url: string,
    private readonly dataSource: DataSource,
  ) {}

  /** Calls `handler` with the payload of every notification on `channel`, from any replica (this one too). */
  async listen(channel: string, handler: Handler): Promise<void> {
    this.handlers.set(channel, [...(this.handlers.get(channel) ?? []), handler]);
    if (this.handlers.get(channel)!.length > 1) return;
    // One statement at a time on the listening connection (pg does not queue concurrent client queries).
    this.subscribing = this.subscribing.then(async () => {
      await this.ensureConnected();
      await this.client!.query(`LISTEN ${pg.escapeIdentifier(channel)}`);
    });
    await this.subscribing;
  }

  /**
   * Calls `handler` after the listening connection was lost and is back: whatever was notified meanwhile is
   * gone, so memory kept current by notifications must start over.
   */
  onResubscribed(handler: () => void): void {
    this.resubscribedHandlers.push(handler);
  }

  async notify(channel: string, payload: string): Promise<void> {
    await this.dataSource.query('SELECT pg_notify($1, $2)', [channel, payload]);
  }

  /** Several notifications on one channel in one statement (each payload is still its own notification). */
  async notifyAll(channel: string, payloads: readonly string[]): Promise<void> {
    if (payloads.length === 0) return;
    await this.dataSource.query('SELECT pg_notify($1, payload) FROM unnest($2::text[]) AS payload', [channel, payloads]);
  }

  async onApplicationShutdown(): Promise<void> {
    this.closed = true;
    clearTimeout(this.reconnectTimer);
    await this.connecting?.catch(() => undefined);
    await this.dropClient();
  }

  private ensureConnected(): Promise<void> {
    if (this.client) return Promise.resolve();
    this.connecting ??= this.connect().finally(() => {
      this.connecting = null;
    });
    return this.connecting;
  }

  private async connect(): Promise<void> {
    const client = new pg.Client({ connectionString: this.url });
    client.on('notification', (message) => {
      for (const handler of this.handlers.get(message.channel) ?? []) {
        try {
          handler(message.payload ?? '');
        } catch (error) {
          this.logger.error(error instanceof Error ? error : String(error));
        }
      }
    });
    client.on('error', () => this.reconnect(client));
    client.on('end', () => this.reconnect(client));
    await client.connect();
    this.client = client;
  }

  /** Re-subscribes every channel on a fresh connection after the listening one failed. */
  private reconnect(failed: pg.Client): void {
    if (this.closed || this.client !== failed) return;
    this.client = null;
    this.logger.warn('Notification connection lost; reconnecting');
    this.scheduleReconnect();
  }

  /** Retries every second until it is back — and never after shutdown, so no connection outlives the app. */
  private scheduleReconnect(): void {
    clearTimeout(this.reconnectTimer);
    this.reconnectTimer = setTimeout(() => {
      if (this.closed) return;
      void this.ensureConnected()
        .then(async () => {
          if (this.closed) return this.dropClient();
          for (const channel of this.handlers.keys()) await this.client!.query(`LISTEN ${pg.escapeIdentifier(channel)}`);
          for (const handler of this.resubscribedHandlers) handler();
        })
        .catch(async () => {
          await this.dropClient();
          if (!this.closed) this.scheduleReconnect();
        });
    }, 1000);
    this.reconnectTimer.unref();
  }

  private async dropClient(): Promise<void> {
    const client = this.client;
    this.client = null;
    await client?.end().catch(() => undefined);
  }
}
