// Scenario 6 — start and idle: time from spawning `node dist/src/main.js` to `/ready` answering 200 on an
// existing data dir (the second start of one data dir: PostgreSQL cluster and migrations already there),
// and the Platform process's RSS once idle. Baseline: a bare Fastify + pg server (the list-runs baseline)
// from spawn to its `/ready` (SELECT 1) on the same database, and its idle RSS.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { forkReady, stopChild } from '../lib/load.mjs';
import { databaseUrlOf, rssKb, startPlatform, waitUntilOk } from '../lib/platform.mjs';
import { check, ratio } from '../lib/report.mjs';

export const name = 'start-idle';

const IDLE_MS = 5000;

export async function run({ cpus }) {
  const dataDir = mkdtempSync(join(tmpdir(), 'kici-bench-start-'));
  try {
    const first = await startPlatform({ cpus: cpus.server, dataDir });
    await first.stop();
    const second = await startPlatform({ cpus: cpus.server, dataDir });
    let platformSide;
    let baselineSide;
    try {
      await sleep(IDLE_MS);
      platformSide = { firstStartToReadyMs: Math.round(first.readyMs), secondStartToReadyMs: Math.round(second.readyMs), idleRssMb: Number((rssKb(second.pid) / 1024).toFixed(1)) };
      const spawnedAt = performance.now();
      const bare = forkReady(new URL('../baselines/list-runs-server.mjs', import.meta.url), [databaseUrlOf(dataDir), '10'], { cpus: cpus.server });
      try {
        const port = await bare.ready;
        await waitUntilOk(`http://127.0.0.1:${port}/ready`, { intervalMs: 5 });
        const startToReadyMs = Math.round(performance.now() - spawnedAt);
        await sleep(IDLE_MS);
        baselineSide = { startToReadyMs, idleRssMb: Number((rssKb(bare.child.pid) / 1024).toFixed(1)) };
      } finally {
        await stopChild(bare.child);
      }
    } finally {
      await second.stop();
    }
    return {
      title: '6. Start and idle: spawn → /ready 200 on an existing data dir, and idle RSS',
      figures: {
        platform: platformSide,
        baseline: baselineSide,
        ratios: { startToReady: ratio(platformSide.secondStartToReadyMs, baselineSide.startToReadyMs), idleRss: ratio(platformSide.idleRssMb, baselineSide.idleRssMb) },
      },
      checks: [
        check('second start spawn → /ready 200 (ms)', platformSide.secondStartToReadyMs, '<=', 3000, ' ms'),
        check('idle RSS of the Platform process (MB)', platformSide.idleRssMb, '<=', 200, ' MB'),
      ],
      notes: ['The Platform figure includes starting its embedded PostgreSQL; the baseline connects to an already running one. RSS is the Node process only (PostgreSQL processes not counted).'],
    };
  } finally {
    rmSync(dataDir, { recursive: true, force: true });
  }
}
