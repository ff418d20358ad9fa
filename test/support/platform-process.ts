import { type ChildProcess, spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';

const MAIN = resolve('dist/src/main.js');

/** One parsed line of the Platform's JSON log. */
export type LogEntry = Record<string, unknown> & { msg?: string };

/**
 * The built Platform (`dist/src/main.js`) running as a real child process, as `npm start` runs it, with
 * its JSON log collected. For start-up, signal and crash tests.
 */
export class PlatformProcess {
  readonly logs: LogEntry[] = [];
  readonly stderr: string[] = [];
  private readonly exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  private waiters: (() => void)[] = [];

  private constructor(private readonly child: ChildProcess) {
    let buffer = '';
    child.stdout!.setEncoding('utf8').on('data', (chunk: string) => {
      buffer += chunk;
      let newline = buffer.indexOf('\n');
      while (newline !== -1) {
        const line = buffer.slice(0, newline);
        buffer = buffer.slice(newline + 1);
        try {
          this.logs.push(JSON.parse(line) as LogEntry);
        } catch {
          this.logs.push({ msg: line, unparsed: true });
        }
        newline = buffer.indexOf('\n');
      }
      this.notify();
    });
    child.stderr!.setEncoding('utf8').on('data', (chunk: string) => {
      this.stderr.push(chunk);
      this.notify();
    });
    this.exited = new Promise((done) => child.once('exit', (code, signal) => done({ code, signal })));
    void this.exited.then(() => this.notify());
  }

  /** Starts `node dist/src/main.js` with exactly these variables (plus PATH), on a free port by default. */
  static start(env: Record<string, string>): PlatformProcess {
    if (!existsSync(MAIN)) throw new Error(`${MAIN} is missing: run "npm run build" first (npm test does)`);
    const child = spawn(process.execPath, [MAIN], {
      env: { PATH: process.env.PATH ?? '', NODE_ENV: 'test', KICI_PORT: '0', KICI_HOST: '127.0.0.1', ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    return new PlatformProcess(child);
  }

  get pid(): number {
    return this.child.pid!;
  }

  /** Resolves with the first log entry matching, waiting up to `timeoutMs`. */
  async waitForLog(match: (entry: LogEntry) => boolean, timeoutMs = 30_000): Promise<LogEntry> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const found = this.logs.find(match);
      if (found) return found;
      if (this.child.exitCode !== null || this.child.signalCode !== null) {
        throw new Error(`Platform exited (${this.child.exitCode ?? this.child.signalCode}) before the expected log line:\n${this.describe()}`);
      }
      const remaining = deadline - Date.now();
      if (remaining <= 0) throw new Error(`Timed out waiting for a log line:\n${this.describe()}`);
      await new Promise<void>((wake) => {
        const timer = setTimeout(wake, remaining);
        this.waiters.push(() => {
          clearTimeout(timer);
          wake();
        });
      });
    }
  }

  /** Waits until the server listens and returns its origin. */
  async listening(timeoutMs = 30_000): Promise<string> {
    const entry = await this.waitForLog((line) => line.msg === 'Platform listening', timeoutMs);
    return `http://127.0.0.1:${String(entry.port)}`;
  }

  /** Port of the embedded PostgreSQL, from its start-up log line. */
  async embeddedPostgresPort(): Promise<number> {
    const entry = await this.waitForLog((line) => typeof line.msg === 'string' && line.msg.startsWith('Embedded PostgreSQL listening on'));
    return Number(/:(\d+)$/.exec(entry.msg!)![1]);
  }

  kill(signal: NodeJS.Signals): void {
    this.child.kill(signal);
  }

  exit(): Promise<{ code: number | null; signal: NodeJS.Signals | null }> {
    return this.exited;
  }

  describe(): string {
    return [...this.logs.map((entry) => JSON.stringify(entry)), ...this.stderr].join('\n').slice(-6000);
  }

  private notify(): void {
    const waiters = this.waiters;
    this.waiters = [];
    for (const wake of waiters) wake();
  }
}
