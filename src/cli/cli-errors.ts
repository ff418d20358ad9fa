import { ConfigError } from '../config/load-config.js';
import { DataDirInUseError } from '../database/embedded/stale-postmaster.js';
import { DomainError } from '../shared/errors/domain-error.js';
import { EXIT, type ExitCode } from './exit-codes.js';

/** The command line is wrong; the usage of `command` (or of the whole CLI) is printed after the message. */
export class UsageError extends Error {
  constructor(
    message: string,
    readonly command: string | null = null,
  ) {
    super(message);
    this.name = 'UsageError';
  }
}

/** The database is unusable for the command (schema behind, nothing to connect to). */
export class UnavailableError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'UnavailableError';
  }
}

/** A refusal the operator can act on, worded for them. */
export class RefusedError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'RefusedError';
  }
}

/** PostgreSQL and socket errors that mean "cannot use this database", not "the command is wrong". */
const UNAVAILABLE_CODES = new Set(['ECONNREFUSED', 'ENOTFOUND', 'EAI_AGAIN', 'ETIMEDOUT', 'ECONNRESET', '28P01', '28000', '3D000', '57P03']);

function isUnavailable(error: unknown): boolean {
  if (error instanceof UnavailableError || error instanceof DataDirInUseError) return true;
  if (error instanceof Error && error.message.startsWith('Embedded PostgreSQL failed to start')) return true;
  const code = (error as { code?: unknown } | null)?.code;
  if (typeof code === 'string' && UNAVAILABLE_CODES.has(code)) return true;
  // pg wraps socket failures in an AggregateError when a host resolves to several addresses.
  return error instanceof AggregateError && error.errors.some(isUnavailable);
}

/** How an error ends the process: its exit code and the line(s) the operator reads on stderr. */
export function exitFor(error: unknown): { code: ExitCode; message: string } {
  if (error instanceof UsageError) return { code: EXIT.USAGE, message: error.message };
  if (error instanceof ConfigError) return { code: EXIT.CONFIG, message: error.message };
  if (error instanceof DomainError) return { code: EXIT.REFUSED, message: `${error.message} (${error.code})` };
  if (error instanceof RefusedError) return { code: EXIT.REFUSED, message: error.message };
  if (isUnavailable(error)) {
    const detail = error instanceof Error && error.message ? error.message : String((error as { code?: unknown }).code ?? error);
    return { code: EXIT.UNAVAILABLE, message: `Database unavailable: ${detail}` };
  }
  return { code: EXIT.INTERNAL, message: `Unexpected error: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}` };
}
