import { mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runTool, toolMissing } from '../support/lint-tools.js';

/** dockerlinter (npm) applies its Dockerfile rules and ShellCheck, from PATH, to every RUN line. */
function dockerlinter(file: string) {
  return runTool(process.execPath, ['node_modules/dockerlinter/bin/dockerfilelinter.js', '-f', file, '-e', 'warning']);
}

function shellcheckMissing(): boolean {
  return toolMissing(runTool('shellcheck', ['--version']), 'shellcheck', 'shellcheck');
}

describe('docker/', () => {
  it('Dockerfile: no dockerlinter finding at warning level or above, RUN lines shellchecked', () => {
    if (shellcheckMissing()) return;
    const result = dockerlinter('docker/Dockerfile');
    expect(result.output).toBe('');
    expect(result.status).toBe(0);
  });

  it('dockerlinter fails a Dockerfile with findings (untagged base, unpinned apt, an unquoted variable)', () => {
    if (shellcheckMissing()) return;
    const folder = mkdtempSync(join(tmpdir(), 'dockerfile-'));
    try {
      const file = join(folder, 'Dockerfile');
      writeFileSync(file, 'FROM node\nRUN apt-get install curl\nRUN rm -rf $HOME/cache\nCMD node main.js\n');
      const result = dockerlinter(file);
      expect(result.status).toBe(1);
      expect(result.output).toMatch(/EF0004/);
      expect(result.output).toMatch(/SC2086/);
    } finally {
      rmSync(folder, { recursive: true, force: true });
    }
  });

  it('shell scripts (.ci/run and any docker/*.sh): no shellcheck finding', () => {
    if (shellcheckMissing()) return;
    const scripts = ['.ci/run', ...readdirSync('docker').filter((name) => name.endsWith('.sh')).map((name) => join('docker', name))];
    const result = runTool('shellcheck', ['--format=gcc', ...scripts]);
    expect(result.output).toBe('');
    expect(result.status).toBe(0);
  });
});
