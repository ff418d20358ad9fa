import type { ExitCode } from './exit-codes.js';

/** Where a command writes: results to `out` (stdout, for scripts), everything else to `err` (stderr). */
export interface CliIo {
  out(line: string): void;
  err(line: string): void;
}

/** One `kici-platform` subcommand. */
export interface CliCommand {
  /** As typed: `migrate`, `orchestrator-key create`. */
  readonly name: string;
  /** One line for the command list. */
  readonly summary: string;
  /** The full `--help` text. */
  readonly help: string;
  run(args: readonly string[], io: CliIo): Promise<ExitCode>;
}
