import { parseArgs, type ParseArgsConfig } from 'node:util';
import { UsageError } from './cli-errors.js';

type Options = NonNullable<ParseArgsConfig['options']>;

/**
 * Strict flag parsing for one subcommand: unknown flags, stray positional words and flags without their
 * value are usage errors (exit 64) naming the command, never silently ignored.
 */
export function parseFlags<const O extends Options>(command: string, args: readonly string[], options: O) {
  try {
    return parseArgs({ args: [...args], options, strict: true, allowPositionals: false }).values;
  } catch (error) {
    throw new UsageError(error instanceof Error ? error.message : String(error), command);
  }
}

/** The value of a required string flag, trimmed; a usage error when missing or empty. */
export function requiredFlag(command: string, value: string | boolean | undefined, flag: string): string {
  if (typeof value !== 'string' || value.trim() === '') throw new UsageError(`${flag} is required`, command);
  return value.trim();
}
