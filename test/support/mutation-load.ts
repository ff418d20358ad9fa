/** What a mutation created, as the client was told in a 2xx answer. */
export interface AcknowledgedMutation {
  readonly kind: 'api_key' | 'role' | 'ping';
  /** The id the answer carried: the key's, the role's, or (for a ping) the outbox delivery's. */
  readonly id: string;
}

interface Target {
  readonly origin: string;
  readonly token: string;
  readonly orgId: string;
  readonly endpointId: string;
}

const KINDS: readonly AcknowledgedMutation['kind'][] = ['api_key', 'role', 'ping'];

/**
 * Concurrent HTTP mutations against whichever Platform process is up (none while it is down): API keys
 * and roles (each audited, the key raising `api_key.created`) and webhook test pings. Only what the client
 * got a 2xx for counts as acknowledged; a request cut by a kill is simply not, whatever it committed.
 */
export class MutationLoad {
  readonly acknowledged: AcknowledgedMutation[] = [];
  attempts = 0;
  private stopped = false;
  private readonly workers: Promise<void>[] = [];
  private sequence = 0;

  constructor(private readonly target: () => Target | null) {}

  /** `pauseMs`: each worker waits this long between its mutations (paces the load; 0 = as fast as answered). */
  start(concurrency = 4, pauseMs = 0): void {
    for (let i = 0; i < concurrency; i++) this.workers.push(this.work(pauseMs));
  }

  /** Stops issuing and waits for the requests in flight to end. */
  async stop(): Promise<void> {
    this.stopped = true;
    await Promise.all(this.workers);
  }

  private async work(pauseMs: number): Promise<void> {
    while (!this.stopped) {
      const target = this.target();
      if (!target) {
        await pause(50);
        continue;
      }
      const n = this.sequence++;
      const kind = KINDS[n % KINDS.length]!;
      this.attempts++;
      try {
        const response = await fetch(`${target.origin}/api/v1${path(kind, target)}`, {
          method: 'POST',
          headers: { authorization: `Bearer ${target.token}`, 'content-type': 'application/json' },
          body: kind === 'ping' ? undefined : JSON.stringify({ name: `crash ${kind} ${n}`, permissions: { runs: 'read' } }),
          signal: AbortSignal.timeout(10_000),
        });
        if (response.status >= 200 && response.status < 300) this.acknowledged.push({ kind, id: ((await response.json()) as { id: string }).id });
        if (pauseMs > 0) await pause(pauseMs);
      } catch {
        // The process died under the request (or was not up yet): not acknowledged, try again shortly.
        await pause(50);
      }
    }
  }
}

function path(kind: AcknowledgedMutation['kind'], { orgId, endpointId }: Target): string {
  if (kind === 'api_key') return `/orgs/${orgId}/api-keys`;
  if (kind === 'role') return `/orgs/${orgId}/roles`;
  return `/orgs/${orgId}/webhook-endpoints/${endpointId}/test`;
}

function pause(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
