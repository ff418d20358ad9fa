import type { LoggerService } from '@nestjs/common';
import type { LogLevel } from '../../config/app-config.js';
import { currentRequestContext } from '../http/request-context.js';
import { redactSecrets } from './redact.js';

const SEVERITY: Readonly<Record<LogLevel, number>> = { fatal: 0, error: 1, warn: 2, info: 3, debug: 4, verbose: 5 };

type Sink = (line: string) => void;

/**
 * Nest logger that writes one JSON object per line: time, level, context, message, the current request id,
 * and any structured fields. Every string passes through `redactSecrets`, so a token that slips into a
 * message is masked before it reaches the output.
 */
export class JsonLogger implements LoggerService {
  constructor(
    private readonly level: LogLevel = 'info',
    private readonly sink: Sink = (line) => process.stdout.write(line),
  ) {}

  log(message: unknown, ...rest: unknown[]): void {
    this.write('info', message, rest);
  }
  error(message: unknown, ...rest: unknown[]): void {
    this.write('error', message, rest);
  }
  warn(message: unknown, ...rest: unknown[]): void {
    this.write('warn', message, rest);
  }
  debug(message: unknown, ...rest: unknown[]): void {
    this.write('debug', message, rest);
  }
  verbose(message: unknown, ...rest: unknown[]): void {
    this.write('verbose', message, rest);
  }
  fatal(message: unknown, ...rest: unknown[]): void {
    this.write('fatal', message, rest);
  }

  /** Whether entries of `level` are written: a caller can skip building fields nobody will read. */
  enabled(level: LogLevel): boolean {
    return SEVERITY[level] <= SEVERITY[this.level];
  }

  /** Structured entry with explicit fields, for access logs and the like. */
  event(level: LogLevel, message: string, fields: Record<string, unknown>): void {
    if (!this.enabled(level)) return;
    this.emit({ level, msg: message, ...fields });
  }

  private write(level: LogLevel, message: unknown, rest: unknown[]): void {
    if (SEVERITY[level] > SEVERITY[this.level]) return;
    // Nest passes the context as the last string argument, and for errors a stack before it.
    const args = [...rest];
    const context = typeof args[args.length - 1] === 'string' ? (args.pop() as string) : undefined;
    const entry: Record<string, unknown> = { level, context };
    if (message instanceof Error) {
      entry.msg = message.message;
      entry.stack = message.stack;
    } else if (typeof message === 'object' && message !== null) {
      Object.assign(entry, message);
    } else {
      entry.msg = String(message);
    }
    if (level === 'error' || level === 'fatal') {
      const stack = args.find((arg): arg is string => typeof arg === 'string');
      if (stack && !entry.stack) entry.stack = stack;
    }
    this.emit(entry);
  }

  private emit(entry: Record<string, unknown>): void {
    const requestId = currentRequestContext()?.requestId;
    const line = JSON.stringify({ time: new Date().toISOString(), ...(requestId ? { requestId } : {}), ...entry }, (_key, value: unknown) =>
      typeof value === 'string' ? redactSecrets(value) : value,
    );
    this.sink(`${line}\n`);
  }
}
