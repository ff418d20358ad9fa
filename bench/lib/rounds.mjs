// Alternating rounds: a load and its baseline measured in turns, the median round's ratio kept. On two
// shared cores a burst of other work during one window, or a drift over minutes, would otherwise decide
// a ratio measured in one window per side.
import { setTimeout as sleep } from 'node:timers/promises';
import { comparison } from './report.mjs';

/**
 * `platform` and `baseline` (each `(windowTiming) => Promise<result>`) in `rounds` windows each, the
 * platform first in even rounds and the baseline first in odd ones; the first window of each side warms
 * up as `timing` says, later ones do not. `pauseMs` after each window lets a server finish what it read
 * before the load generator stopped, so it never lands in the next window. Returns `[{ platform, baseline }]`.
 */
export async function alternatingRounds(platform, baseline, rounds, timing, { pauseMs = 0 } = {}) {
  const windowSeconds = timing.seconds / rounds;
  const measured = async (load, window) => {
    const result = await load(window);
    if (pauseMs > 0) await sleep(pauseMs);
    return result;
  };
  const pairs = [];
  for (let round = 0; round < rounds; round += 1) {
    const window = round === 0 ? { ...timing, seconds: windowSeconds } : { ...timing, seconds: windowSeconds, warmupSeconds: 0 };
    if (round % 2 === 0) {
      const first = await measured(platform, window);
      pairs.push({ platform: first, baseline: await measured(baseline, window) });
    } else {
      const first = await measured(baseline, window);
      pairs.push({ platform: await measured(platform, window), baseline: first });
    }
  }
  return pairs;
}

/** The round with the median ratio as a comparison row, with every round's ratio beside it. */
export function medianRound(label, pairs, baselineLabel) {
  const rows = pairs.map((pair) => comparison(label, pair.platform, pair.baseline));
  const median = [...rows].sort((a, b) => a.ratio - b.ratio)[Math.floor(rows.length / 2)];
  return { ...median, baselineLabel, roundRatios: rows.map((row) => row.ratio) };
}
