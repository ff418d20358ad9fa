// Webhook relay benchmark on its own (`npm run bench:webhooks`): scenario 3 of `npm run bench` on a fresh
// Platform. Usage: node bench/webhook-relay.mjs [connections=32] [seconds=10]
import { seedOrg, startPlatform } from './lib/platform.mjs';
import { printScenario } from './lib/report.mjs';
import { run } from './scenarios/webhook-relay.mjs';

const connections = Number(process.argv[2] ?? 32);
const seconds = Number(process.argv[3] ?? 10);
const cpus = { server: '0', client: '1' };
const platform = await startPlatform({ cpus: cpus.server });
try {
  const seed = await seedOrg(platform);
  printScenario(await run({ platform, seed, cpus, connections, timing: { seconds, warmupSeconds: 2 }, quick: false }));
} finally {
  await platform.stop();
}
