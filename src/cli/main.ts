#!/usr/bin/env node
import 'reflect-metadata';
import { findCommand, CLI_COMMANDS, CLI_USAGE } from './cli-commands.js';
import type { CliIo } from './cli-command.js';
import { exitFor, UsageError } from './cli-errors.js';
import { EXIT, type ExitCode } from './exit-codes.js';

const io: CliIo = {
  out: (line) => process.stdout.write(`${line}\n`),
  err: (line) => process.stderr.write(`${line}\n`),
};

const wantsHelp = (args: readonly string[]): boolean => args.includes('--help') || args.includes('-h');

async function run(argv: readonly string[]): Promise<ExitCode> {
  if (argv.length === 0 || (argv.length === 1 && (wantsHelp(argv) || argv[0] === 'help'))) {
    (argv.length === 0 ? io.err : io.out)(CLI_USAGE);
    return argv.length === 0 ? EXIT.USAGE : EXIT.OK;
  }
  const found = findCommand(argv);
  if (!found) throw new UsageError(`Unknown command "${argv.filter((word) => !word.startsWith('-')).slice(0, 2).join(' ')}"`);
  if (wantsHelp(found.args)) {
    io.out(found.command.help);
    return EXIT.OK;
  }
  return found.command.run(found.args, io);
}

/**
 * `kici-platform`: the operator CLI. Results go to stdout, everything else to stderr; the exit code says
 * how it went (see `exit-codes.ts`).
 */
async function main(): Promise<void> {
  let code: ExitCode;
  try {
    code = await run(process.argv.slice(2));
  } catch (error) {
    const { code: exitCode, message } = exitFor(error);
    io.err(`kici-platform: ${message}`);
    if (error instanceof UsageError) io.err(`\n${CLI_COMMANDS.find((command) => command.name === error.command)?.help ?? CLI_USAGE}`);
    code = exitCode;
  }
  // Pools and timers of a closed application may linger for a moment; the command is over.
  process.exit(code);
}

void main();
