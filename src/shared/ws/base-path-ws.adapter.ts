import type { INestApplicationContext } from '@nestjs/common';
import { WsAdapter } from '@nestjs/platform-ws';
import { createRequire } from 'node:module';
import type { WebSocket, WebSocketServer } from 'ws';
import { installInlineFrameDeflate } from './inline-frame-deflate.js';
import { installFragmentListReuse } from './reuse-fragment-list.js';

/** Close code a server sends when it is going away (RFC 6455 §7.4.1). */
export const CLOSE_GOING_AWAY = 1001;

/**
 * The `ws` adapter with four Platform rules: gateway paths live under the base path (`/kici/ws`); small
 * frames are (de)compressed in line (see `inline-frame-deflate.ts`); a socket keeps one fragment list
 * (see `reuse-fragment-list.ts`); and on shutdown every client gets a
 * proper close frame with 1001 "going away" (so orchestrators reconnect to another replica at once) before
 * stragglers are terminated.
 */
export class BasePathWsAdapter extends WsAdapter {
  constructor(
    app: INestApplicationContext,
    private readonly basePath: string,
    private readonly closeGraceMs = 2000,
  ) {
    super(app);
    // The copy of `ws` the adapter builds its servers with.
    const platformWs = createRequire(import.meta.url).resolve('@nestjs/platform-ws');
    installInlineFrameDeflate(platformWs);
    installFragmentListReuse(platformWs);
  }

  override create(port: number, options: Record<string, unknown> & { path?: string } = {}): WebSocketServer {
    const path = options.path ? `${this.basePath}${options.path}` : options.path;
    return super.create(port, { ...options, path }) as WebSocketServer;
  }

  /**
   * Nest parses every frame of every client for `@SubscribeMessage` handlers, through an rxjs pipeline per
   * socket. A gateway that declares none (ours read frames themselves) would pay that parse and those
   * subscriptions for nothing, on every frame of every orchestrator.
   */
  override bindMessageHandlers(...args: Parameters<WsAdapter['bindMessageHandlers']>): void {
    const [, handlers] = args;
    if (handlers.length === 0) return;
    super.bindMessageHandlers(...args);
  }

  override async close(server: WebSocketServer): Promise<void> {
    const clients = [...(server.clients ?? [])];
    await Promise.all(clients.map((client) => this.closeGoingAway(client)));
    await super.close(server);
  }

  private closeGoingAway(client: WebSocket): Promise<void> {
    return new Promise((resolve) => {
      if (client.readyState === client.CLOSED) return resolve();
      const timer = setTimeout(() => {
        client.terminate();
        resolve();
      }, this.closeGraceMs);
      client.once('close', () => {
        clearTimeout(timer);
        resolve();
      });
      client.close(CLOSE_GOING_AWAY, 'Platform shutting down');
    });
  }
}
