import { type BeforeApplicationShutdown, Injectable } from '@nestjs/common';

/**
 * Whether the application is shutting down. Set before the HTTP server stops accepting, so responses to
 * requests still in flight can ask their clients to drop keep-alive connections (otherwise an idle
 * keep-alive socket would hold the server open until its timeout).
 */
@Injectable()
export class DrainState implements BeforeApplicationShutdown {
  private drainingSince: number | null = null;

  get draining(): boolean {
    return this.drainingSince !== null;
  }

  beforeApplicationShutdown(): void {
    this.drainingSince ??= Date.now();
  }
}
