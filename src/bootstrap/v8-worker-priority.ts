import { readdirSync, readFileSync } from 'node:fs';
import { setPriority } from 'node:os';

/**
 * The niceness V8's worker threads are given: a tenth of the main thread's share of a busy core each. At 19
 * (the lowest) a Platform started under full load compiled its hot code so late that the first seconds ran
 * at half speed (cost of authentication, short windows: 0.39–0.52 against 0.58–0.80 at 0 and 10).
 */
export const V8_WORKER_NICENESS = 10;

/**
 * Puts V8's worker threads (concurrent marking of major collections, background compilation) below the
 * main thread, which serves every request. On a Platform limited to one core they otherwise share it
 * evenly: a major collection's concurrent marking took the core from the main thread for its ≈ 200 ms,
 * and the gateway's proxied requests waited that long (per-thread CPU sampled every 10 ms: the workers
 * 4–12 ms of each 10, the main thread 0–4). Lowered, they mostly use the time the main thread leaves idle; when
 * the main thread waits for them (the collection's final pause), nothing of this process holds the core.
 * With cores to spare they run as before. Linux names them `V8Worker`; elsewhere nothing is changed.
 * Returns how many threads were lowered.
 */
export function lowerV8WorkerPriority(taskDirectory = '/proc/self/task'): number {
  let tasks: string[];
  try {
    tasks = readdirSync(taskDirectory);
  } catch {
    return 0;
  }
  let lowered = 0;
  for (const task of tasks) {
    try {
      if (readFileSync(`${taskDirectory}/${task}/comm`, 'utf8').trim() !== 'V8Worker') continue;
      setPriority(Number(task), V8_WORKER_NICENESS);
      lowered++;
    } catch {
      // A thread that has just ended, or a system refusing the change: it keeps its priority.
    }
  }
  return lowered;
}
