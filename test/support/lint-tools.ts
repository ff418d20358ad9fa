import { spawnSync } from 'node:child_process';

export interface ToolRun {
  /** False when the binary is not installed here. */
  readonly available: boolean;
  readonly status: number | null;
  /** stdout and stderr together: the findings. */
  readonly output: string;
}

/** Runs a command-line checker (yamllint, shellcheck, dockerlinter) and collects what it reports. */
export function runTool(command: string, args: readonly string[], options: { input?: string; cwd?: string } = {}): ToolRun {
  const run = spawnSync(command, args, { input: options.input, cwd: options.cwd, encoding: 'utf8' });
  if ((run.error as NodeJS.ErrnoException | undefined)?.code === 'ENOENT') return { available: false, status: null, output: '' };
  if (run.error) throw run.error;
  return { available: true, status: run.status, output: `${run.stdout}${run.stderr}`.trim() };
}

/**
 * Whether a check must be skipped because its tool is missing. Under CI a missing tool fails the suite:
 * `.ci/run` installs the Debian package, so a skipped check there would hide a broken CI image.
 */
export function toolMissing(run: ToolRun, tool: string, debianPackage: string): boolean {
  if (run.available) return false;
  if (process.env.CI) throw new Error(`${tool} is missing: .ci/run installs the Debian package ${debianPackage}`);
  console.warn(`${tool} not installed (apt-get install ${debianPackage}); skipping this check`);
  return true;
}
