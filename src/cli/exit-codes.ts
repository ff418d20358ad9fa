/**
 * Exit codes of `kici-platform`, from sysexits.h where one fits, so scripts and init containers can tell
 * "fix your command line" from "the database is down" from "the check found a problem".
 */
export const EXIT = {
  OK: 0,
  /** The command ran and its check failed: migrations pending (`migrate --status`), a broken audit chain. */
  CHECK_FAILED: 1,
  /** EX_USAGE: unknown command or flag, a missing or malformed value. */
  USAGE: 64,
  /** EX_DATAERR: the command was refused: unknown organization, disabled organization, conflicting invitation. */
  REFUSED: 65,
  /** EX_UNAVAILABLE: the database could not be reached or started, or its schema is not migrated. */
  UNAVAILABLE: 69,
  /** EX_SOFTWARE: an unexpected error (a bug); the message and stack are on stderr. */
  INTERNAL: 70,
  /** EX_CONFIG: the environment does not make a valid configuration (the server exits 78 too). */
  CONFIG: 78,
} as const;

export type ExitCode = (typeof EXIT)[keyof typeof EXIT];
