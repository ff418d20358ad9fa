import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { lowerV8WorkerPriority, V8_WORKER_NICENESS } from './v8-worker-priority.js';

// Run in a fresh Node process (the build's module), so the threads lowered are its own, not the test runner's.
const BUILT = join(process.cwd(), 'dist/src/bootstrap/v8-worker-priority.js');
const CHILD = `
import { readdirSync, readFileSync } from 'node:fs';
import { lowerV8WorkerPriority } from ${JSON.stringify(BUILT)};
const threads = () => readdirSync('/proc/self/task').map((task) => ({
  name: readFileSync('/proc/self/task/' + task + '/comm', 'utf8').trim(),
  nice: Number(readFileSync('/proc/self/task/' + task + '/stat', 'utf8').split(') ')[1].split(' ')[16]),
}));
const before = threads();
const lowered = lowerV8WorkerPriority();
console.log(JSON.stringify({ before, lowered, after: threads() }));
`;

describe('lowerV8WorkerPriority', () => {
  const onLinux = process.platform === 'linux' ? it : it.skip;

  onLinux("puts every one of V8's worker threads at its niceness and leaves the main thread and the rest as they were", () => {
    expect(existsSync(BUILT)).toBe(true);
    const child = spawnSync(process.execPath, ['--input-type=module', '-e', CHILD], { encoding: 'utf8' });
    expect(child.stderr).toBe('');
    const { before, lowered, after } = JSON.parse(child.stdout) as { before: { name: string; nice: number }[]; lowered: number; after: { name: string; nice: number }[] };
    const workers = after.filter((thread) => thread.name === 'V8Worker');
    expect(before.filter((thread) => thread.name === 'V8Worker').every((thread) => thread.nice === 0)).toBe(true);
    expect(workers.length).toBeGreaterThan(0);
    expect(lowered).toBe(workers.length);
    expect(V8_WORKER_NICENESS).toBeGreaterThan(0);
    expect(workers.every((thread) => thread.nice === V8_WORKER_NICENESS)).toBe(true);
    const others = after.filter((thread) => thread.name !== 'V8Worker');
    expect(others.map((thread) => thread.name)).toContain('MainThread');
    expect(others.every((thread) => thread.nice === 0)).toBe(true);
  });

  it('changes nothing where there is no task list to read', () => {
    expect(lowerV8WorkerPriority('/nonexistent/task')).toBe(0);
  });
});
