import { receiveRelays, type ReceivedRelay } from './relay-receiver.js';
import { type Frame, SimulatedOrchestrator } from './simulated-orchestrator.js';

/**
 * An orchestrator that behaves like the real client behind a load balancer: when its socket closes it
 * dials again (the next URL in turn, as a balancer would send it to a live replica), authenticates,
 * registers its sources and keeps answering — so a test can restart replicas under it.
 */
export class ReconnectingOrchestrator {
  current: SimulatedOrchestrator | null = null;
  readonly sessions: string[] = [];
  private readonly sessionRelays: ReceivedRelay[][] = [];
  private stopped = false;
  private turn = 0;

  constructor(
    /** Where a balancer would send a new connection now: the live replicas. */
    private readonly urls: () => readonly string[],
    private readonly key: string,
    private readonly sources: readonly Record<string, unknown>[],
    private readonly answers: Readonly<Record<string, (request: Frame) => Record<string, unknown>>>,
  ) {}

  /** Every webhook relay any of its sessions took. */
  get relays(): ReceivedRelay[] {
    return this.sessionRelays.flat();
  }

  /** Connects to the first URL that takes it. */
  async start(): Promise<void> {
    await this.dial();
  }

  stop(): void {
    this.stopped = true;
    this.current?.close();
  }

  private async dial(): Promise<void> {
    for (let attempt = 0; !this.stopped; attempt++) {
      const urls = this.urls();
      const url = urls[this.turn++ % urls.length]!;
      try {
        const { orch, success } = await SimulatedOrchestrator.connect(url, this.key);
        for (const [type, answer] of Object.entries(this.answers)) orch.answer(type, answer);
        this.sessionRelays.push(receiveRelays(orch));
        await orch.request({ type: 'source.register', messageId: `reg-${this.sessions.length}`, sources: [...this.sources], clusterName: 'main' }, 'source.register.ack');
        this.current = orch;
        this.sessions.push(String(success.connectionId));
        void orch.closed.then(() => {
          if (!this.stopped) void this.dial();
        });
        return;
      } catch {
        // That replica is gone or not up yet: the next one, after a short pause (the client's backoff).
        await new Promise((resolve) => setTimeout(resolve, Math.min(1000, 100 * (attempt + 1))));
      }
    }
  }
}
