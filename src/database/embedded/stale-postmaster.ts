import { readFile, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';

/** Raised when the data folder belongs to a PostgreSQL that a live process still runs. */
export class DataDirInUseError extends Error {
  constructor(pgDir: string, pid: number, ownerPid: number) {
    super(
      `The database folder ${pgDir} is in use by PostgreSQL (pid ${pid}) of another running process (pid ${ownerPid}). ` +
        'Stop that process, or give this one its own KICI_DATA_DIR.',
    );
    this.name = 'DataDirInUseError';
  }
}

interface ProcessInfo {
  readonly state: string;
  readonly parentPid: number;
  readonly commandLine: string;
}

async function processInfo(pid: number): Promise<ProcessInfo | null> {
  try {
    const stat = await readFile(`/proc/${pid}/stat`, 'utf8');
    // The command name in field 2 is in parentheses and may hold spaces: read after the last ')'.
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    const commandLine = (await readFile(`/proc/${pid}/cmdline`, 'utf8').catch(() => '')).split('\0').join(' ');
    return { state: fields[0] ?? '?', parentPid: Number(fields[1]), commandLine };
  } catch {
    return null;
  }
}

/** Gone means reaped: PostgreSQL's own lock check counts an unreaped zombie as a live postmaster. */
async function isGone(pid: number): Promise<boolean> {
  return (await processInfo(pid)) === null;
}

async function waitUntilGone(pid: number, timeoutMs: number): Promise<boolean> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (await isGone(pid)) return true;
    await sleep(100);
  }
  return isGone(pid);
}

/**
 * Makes a data folder left behind by a killed run startable again. PostgreSQL copes with a stale
 * `postmaster.pid` by itself when its process is gone, but not in the two cases a SIGKILL leaves:
 * the postmaster is still running, orphaned by the dead Platform (it keeps the folder locked), or it is
 * dead but not yet reaped (a zombie still counts as running). The first is stopped with SIGINT (a fast,
 * crash-safe shutdown); both are then waited out until init has reaped them. A pid file pointing at an unrelated process is removed. A postmaster whose parent is still
 * a live Platform is left alone and reported.
 */
export async function recoverStalePostmaster(pgDir: string, log: (message: string) => void): Promise<void> {
  const pidFile = join(pgDir, 'postmaster.pid');
  const content = await readFile(pidFile, 'utf8').catch(() => null);
  if (content === null) return;
  const pid = Number(content.split('\n')[0]);
  if (!Number.isInteger(pid) || pid <= 0) {
    log(`Removing unreadable ${pidFile}`);
    await rm(pidFile, { force: true });
    return;
  }

  const info = await processInfo(pid);
  if (info === null) return;
  if (info.state === 'Z' || info.state === 'X') {
    // Dead but not yet reaped by init. Its backends exit on their own once the postmaster is gone; if
    // init never reaps it, the pid file is all that still blocks the start.
    if (!(await waitUntilGone(pid, 15_000))) {
      log(`Removing ${pidFile}: postmaster ${pid} is dead but was never reaped`);
      await rm(pidFile, { force: true });
    }
    return;
  }
  const isOurPostmaster = info.commandLine.includes('postgres') && info.commandLine.includes(pgDir);
  if (!isOurPostmaster) {
    log(`Removing stale ${pidFile}: pid ${pid} is an unrelated process now`);
    await rm(pidFile, { force: true });
    return;
  }
  const parent = info.parentPid > 1 ? await processInfo(info.parentPid) : null;
  if (parent && parent.state !== 'Z' && /\bnode\b|kici/.test(parent.commandLine)) {
    throw new DataDirInUseError(pgDir, pid, info.parentPid);
  }
  log(`Stopping orphaned PostgreSQL (pid ${pid}) left by a previous run`);
  process.kill(pid, 'SIGINT');
  if (!(await waitUntilGone(pid, 15_000))) {
    const state = (await processInfo(pid))?.state;
    if (state !== 'Z' && state !== 'X') process.kill(pid, 'SIGQUIT');
    if (!(await waitUntilGone(pid, 5_000))) await rm(pidFile, { force: true });
  }
}
