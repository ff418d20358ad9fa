import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

const CLI = resolve('dist/src/cli/main.js');

export interface CliRun {
  readonly code: number | null;
  readonly stdout: string;
  readonly stderr: string;
  /** stdout's `key=value` lines (bootstrap's output for scripts). */
  readonly values: Record<string, string>;
}

/**
 * Runs the built operator CLI (`dist/src/cli/main.js`, what `npx kici-platform` runs) as a child process
 * with exactly these variables plus PATH, a data folder of its own and NODE_ENV=test.
 */
export function runCli(args: readonly string[], env: Record<string, string>): Promise<CliRun> {
  if (!existsSync(CLI)) throw new Error(`${CLI} is missing: run "npm run build" first (npm test does)`);
  const child = spawn(process.execPath, [CLI, ...args], {
    env: { PATH: process.env.PATH ?? '', NODE_ENV: 'test', KICI_DATA_DIR: mkdtempSync(join(tmpdir(), 'kici-cli-')), ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stdout.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk));
  child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
  return new Promise((done, fail) => {
    child.once('error', fail);
    child.once('close', (code) => {
      const values = Object.fromEntries(
        stdout
          .split('\n')
          .map((line) => /^([a-z_]+)=(.*)$/.exec(line))
          .filter((match): match is RegExpExecArray => match !== null)
          .map((match) => [match[1]!, match[2]!]),
      );
      done({ code, stdout, stderr, values });
    });
  });
}
