import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';

export interface ReceivedWebhook {
  readonly path: string;
  readonly headers: IncomingHttpHeaders;
  readonly body: string;
  readonly answeredWith: number;
}

/**
 * A real HTTP receiver on 127.0.0.1 for outbound webhook tests. Each path answers with the statuses
 * scripted for it, in order, then with its fallback (200 unless set), and every request is kept.
 */
export class WebhookReceiver {
  readonly received: ReceivedWebhook[] = [];
  private readonly scripts = new Map<string, number[]>();
  private readonly fallbacks = new Map<string, number>();

  private constructor(
    private readonly server: Server,
    readonly origin: string,
  ) {}

  static async start(): Promise<WebhookReceiver> {
    let receiver: WebhookReceiver | null = null;
    const server = createServer((request, response) => {
      const chunks: Buffer[] = [];
      request.on('data', (chunk: Buffer) => chunks.push(chunk));
      request.on('end', () => {
        const path = request.url ?? '/';
        const status = receiver!.nextStatus(path);
        receiver!.received.push({ path, headers: request.headers, body: Buffer.concat(chunks).toString('utf8'), answeredWith: status });
        response.writeHead(status, { 'content-type': 'text/plain' }).end(status < 300 ? 'ok' : 'x'.repeat(10_000));
      });
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const address = server.address();
    if (typeof address !== 'object' || !address) throw new Error('receiver did not bind');
    receiver = new WebhookReceiver(server, `http://127.0.0.1:${address.port}`);
    return receiver;
  }

  /** `statuses` answer the next requests to `path`, then `fallback` answers the rest. */
  script(path: string, statuses: number[], fallback = 200): void {
    this.scripts.set(path, [...statuses]);
    this.fallbacks.set(path, fallback);
  }

  to(path: string): ReceivedWebhook[] {
    return this.received.filter((request) => request.path === path);
  }

  close(): Promise<void> {
    this.server.closeAllConnections();
    return new Promise((resolve) => this.server.close(() => resolve()));
  }

  private nextStatus(path: string): number {
    return this.scripts.get(path)?.shift() ?? this.fallbacks.get(path) ?? 200;
  }
}
