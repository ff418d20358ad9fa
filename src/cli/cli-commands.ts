import type { CliCommand } from './cli-command.js';
import { auditVerifyCommand } from './commands/audit-verify.js';
import { bootstrapCommand } from './commands/bootstrap.js';
import { configCheckCommand } from './commands/config-check.js';
import { migrateCommand } from './commands/migrate.js';
import { orchestratorKeyCreateCommand } from './commands/orchestrator-key-create.js';

/** Every subcommand, in the order `--help` lists them. */
export const CLI_COMMANDS: readonly CliCommand[] = [migrateCommand, bootstrapCommand, orchestratorKeyCreateCommand, auditVerifyCommand, configCheckCommand];

export const CLI_USAGE = `Usage: kici-platform <command> [flags]

Operator commands for a KiCI Platform. They read the same environment as the server (KICI_DATABASE_URL
or DATABASE_URL; without one, the embedded PostgreSQL under KICI_DATA_DIR, which must not be in use by
a running server).

Commands:
${CLI_COMMANDS.map((command) => `  ${command.name.padEnd(26)}${command.summary}`).join('\n')}

Run "kici-platform <command> --help" for a command's flags, output and exit codes.
Exit codes: 0 ok, 1 check failed, 64 usage, 65 refused, 69 database unavailable, 70 internal error,
78 invalid configuration.`;

/**
 * The command named by the leading words of `argv` (one word, or two for grouped commands such as
 * `audit verify`) and the arguments after them; null when no command matches.
 */
export function findCommand(argv: readonly string[]): { command: CliCommand; args: readonly string[] } | null {
  for (const words of [2, 1]) {
    const name = argv.slice(0, words).join(' ');
    const command = CLI_COMMANDS.find((candidate) => candidate.name === name);
    if (command && argv.length >= words) return { command, args: argv.slice(words) };
  }
  return null;
}
