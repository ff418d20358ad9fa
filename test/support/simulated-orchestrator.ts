import WebSocket from 'ws';

export type Frame = Record<string, unknown> & { type: string };

/**
 * A stand-in for a KiCI orchestrator, written from the protocol spec: it dials `<base>/ws`, speaks JSON
 * text frames, and lets a test send anything (including garbage) and wait for what comes back.
 */
export class SimulatedOrchestrator {
  readonly received: Frame[] = [];
  readonly closed: Promise<{ code: number; reason: string }>;
  private waiters: (() => void)[] = [];
  private readonly answers = new Map<string, (request: Frame) => Record<string, unknown> | null>();

  private constructor(readonly socket: WebSocket) {
    socket.on('message', (data) => {
      let frame: Frame;
      try {
        frame = JSON.parse(data.toString()) as Frame;
      } catch {
        frame = { type: '<not json>' };
      }
      this.received.push(frame);
      const answer = this.answers.get(frame.type);
      const reply = answer?.(frame);
      if (reply) this.send({ type: `${frame.type}.response`, requestId: frame.requestId, ...reply });
      this.wake();
    });
    this.closed = new Promise((resolve) => socket.once('close', (code, reason) => resolve({ code, reason: reason.toString() })));
    void this.closed.then(() => this.wake());
  }

  /**
   * Closes every orchestrator in `open` (emptying it) and waits until they are closed and the Platform has
   * had a moment to record it: it marks sessions disconnected in a batch just after the close.
   */
  static async closeAll(open: SimulatedOrchestrator[]): Promise<void> {
    await Promise.all(
      open.splice(0).map((orch) => {
        orch.close();
        return orch.closed;
      }),
    );
    await new Promise((resolve) => setTimeout(resolve, 100));
  }

  /**
   * Opens the socket (as the real client does: permessage-deflate, 25 MiB frames) and resolves once open.
   * `answerPings: false` leaves the Platform's pings unanswered, as a peer behind a half-open link would.
   */
  static open(url: string, { answerPings = true }: { answerPings?: boolean } = {}): Promise<SimulatedOrchestrator> {
    return new Promise((resolve, reject) => {
      const socket = new WebSocket(url, { perMessageDeflate: { threshold: 128, concurrencyLimit: 10 }, maxPayload: 25 * 1024 * 1024, autoPong: answerPings });
      socket.once('open', () => resolve(new SimulatedOrchestrator(socket)));
      socket.once('error', reject);
    });
  }

  /** Opens and authenticates; resolves with the `auth.success` frame. */
  static async connect(
    url: string,
    token: string,
    capabilities: Record<string, unknown> = { orchRole: 'coordinator' },
    options: { answerPings?: boolean } = {},
  ): Promise<{ orch: SimulatedOrchestrator; success: Frame }> {
    const orch = await SimulatedOrchestrator.open(url, options);
    orch.send({ type: 'auth.request', token, protocolVersion: 1, capabilities });
    const success = await orch.next('auth.success');
    return { orch, success };
  }

  /** Answers every request of `type` with `answer(request)` (as `<type>.response` with its requestId); null = stay silent. */
  answer(type: string, answer: (request: Frame) => Record<string, unknown> | null): void {
    this.answers.set(type, answer);
  }

  send(frame: Frame | string): void {
    this.socket.send(typeof frame === 'string' ? frame : JSON.stringify(frame));
  }

  /** The first frame of `type` received after `after` frames (default: any), waiting up to `timeoutMs`. */
  async next(type: string, timeoutMs = 5000, after = 0): Promise<Frame> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const found = this.received.slice(after).find((frame) => frame.type === type);
      if (found) return found;
      if (this.socket.readyState === WebSocket.CLOSED) throw new Error(`socket closed before a ${type} frame; got ${this.received.map((f) => f.type).join(', ')}`);
      const remaining = deadline - Date.now();
      if (remaining <= 0) throw new Error(`no ${type} frame within ${timeoutMs} ms; got ${this.received.map((f) => f.type).join(', ')}`);
      await new Promise<void>((wake) => {
        const timer = setTimeout(wake, remaining);
        this.waiters.push(() => {
          clearTimeout(timer);
          wake();
        });
      });
    }
  }

  /** Sends a frame and waits for the reply of `replyType` to it. */
  async request(frame: Frame, replyType: string): Promise<Frame> {
    const before = this.received.length;
    this.send(frame);
    return this.next(replyType, 5000, before);
  }

  close(): void {
    this.socket.close(1000, 'Client disconnect');
  }

  private wake(): void {
    const waiters = this.waiters;
    this.waiters = [];
    for (const wake of waiters) wake();
  }
}
