import type { Frame, SimulatedOrchestrator } from './simulated-orchestrator.js';

/** What the orchestrator holds about one run: the truth the Platform's projection must end up with. */
export interface SimulatedRun {
  readonly runId: string;
  readonly workflowName: string;
  readonly jobCount: number;
  readonly startedAt: number;
  status: string;
  completedAt?: number;
}

const FINAL_STATUSES = ['success', 'failed', 'cancelled', 'running'] as const;

/**
 * Runs progressing on a simulated orchestrator (pending → running → a final status, some left running),
 * each step sent as `execution.status` on whatever socket is open — frames sent while the Platform dies
 * are lost, as they would be. `replay()` is the `state.replay` the orchestrator sends on reconnecting:
 * the current state of every run it knows.
 */
export class RunTelemetryLoad {
  readonly runs: SimulatedRun[] = [];
  framesSent = 0;
  private timer: NodeJS.Timeout | null = null;
  private step = 0;

  constructor(
    private readonly orchestrator: () => SimulatedOrchestrator | null,
    private readonly runCount: number,
  ) {}

  /** One step of one run every `intervalMs`, runs in turn, until every run reached its final status. */
  start(intervalMs: number): void {
    this.timer = setInterval(() => this.advance(), intervalMs);
  }

  stop(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
  }

  replay(messageId: string): Frame {
    return {
      type: 'state.replay',
      messageId,
      timestamp: Date.now(),
      runs: this.runs.map((run) => ({ ...run, jobs: [] })),
    };
  }

  private advance(): void {
    const index = this.step % this.runCount;
    const round = Math.floor(this.step / this.runCount);
    this.step++;
    if (round > 2) return this.stop();
    const now = Date.now();
    if (round === 0) {
      this.runs.push({ runId: `crash-run-${index}`, workflowName: `workflow-${index % 3}`, jobCount: 1 + (index % 4), startedAt: now, status: 'pending' });
    }
    const run = this.runs[index]!;
    if (round === 1) run.status = 'running';
    if (round === 2) {
      run.status = FINAL_STATUSES[index % FINAL_STATUSES.length]!;
      if (run.status !== 'running') run.completedAt = now;
    }
    const socket = this.orchestrator();
    if (!socket || socket.socket.readyState !== socket.socket.OPEN) return;
    socket.send({ type: 'execution.status', messageId: `${run.runId}-${round}`, timestamp: now, ...run });
    this.framesSent++;
  }
}
