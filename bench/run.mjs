// `npm run bench`: what the Platform exists for, each next to its baseline (a bare server, or the Platform
// with one thing changed: see bench/lib/platform-variant.mjs) measured in the same run on
// the same machine (loopback only). Servers (Platform or baseline, and the Platform's embedded PostgreSQL)
// are pinned to CPU 0, this load generator and the simulated orchestrators to CPU 1.
//
//   node bench/run.mjs            full run (≈10 min) → bench/results/latest.json
//   node bench/run.mjs --quick    shorter windows, 1,000 gateway connections (< 3 min) → bench/results/quick.json
//   --only=a,b                    just these scenarios (names below) → bench/results/partial.json
//   --profile                     run the Platform with --cpu-prof and print where its CPU time went
//                                 (figures are distorted by profiling) → bench/results/profile.json
import { mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import { join } from 'node:path';
import { printProfileSummary, summarizeProfile } from './lib/cpu-profile.mjs';
import { machineFacts, waitForQuiet } from './lib/machine.mjs';
import { databaseUrlOf, pinProcess, startPlatform } from './lib/platform.mjs';
import { printScenario } from './lib/report.mjs';
import { seedRealisticData } from './lib/seed.mjs';
import * as authenticatedRead from './scenarios/authenticated-read.mjs';
import * as authCost from './scenarios/auth-cost.mjs';
import * as auditedWrites from './scenarios/audited-writes.mjs';
import * as gatewayScale from './scenarios/gateway-scale.mjs';
import * as startIdle from './scenarios/start-idle.mjs';
import * as webhookRelay from './scenarios/webhook-relay.mjs';

/** Scenarios that share one seeded Platform, then those that start their own. */
// Audited writes last of them: its chain-capacity load leaves PostgreSQL tens of thousands of rows to vacuum.
const SHARED = [authenticatedRead, authCost, webhookRelay, auditedWrites];
const OWN = [gatewayScale, startIdle];

const args = process.argv.slice(2);
const quick = args.includes('--quick');
const profile = args.includes('--profile');
const only = args.find((arg) => arg.startsWith('--only='))?.slice('--only='.length).split(',') ?? null;
const selected = (scenario) => only === null || only.includes(scenario.name);
const cpus = { server: '0', client: '1' };
// --quick must finish in under three minutes, `npm run bench`'s build included: 3 s windows.
const timing = quick ? { seconds: 3, warmupSeconds: 1 } : { seconds: 15, warmupSeconds: 3 };
const resultsDir = new URL('./results/', import.meta.url).pathname;
const profileDir = join(resultsDir, 'profiles', new Date().toISOString().replaceAll(':', '-'));
const nodeArgs = profile ? ['--cpu-prof', `--cpu-prof-dir=${profileDir}`] : [];

// Platforms are started with this process's Node (`process.execPath`): run by the system's Node 20 rather
// than through `npm run bench`, every figure would be Node 20's, not the Platform's as it ships.
if (Number(process.versions.node.split('.')[0]) < 24) {
  console.error(`bench: Node ${process.versions.node} is not the project's Node 24; run it as \`npm run bench\``);
  process.exit(2);
}

pinProcess(process.pid, cpus.client);
const started = performance.now();
const results = [];

async function attempt(scenario, context) {
  const settled = await waitForQuiet();
  const scenarioStarted = performance.now();
  try {
    const loadBefore = loadavg()[0];
    const result = await scenario.run(context);
    // Other processes on the machine compete for the same two cores; keep the evidence with the figures.
    result.loadAverage1m = { before: Number(loadBefore.toFixed(2)), after: Number(loadavg()[0].toFixed(2)) };
    result.seconds = Math.round((performance.now() - scenarioStarted) / 1000);
    result.startedQuiet = settled;
    printScenario(result);
    console.log(`  load average (1 min) before/after: ${result.loadAverage1m.before} / ${result.loadAverage1m.after}; waited ${settled.waitedMs} ms for idle CPUs${settled.quiet ? '' : ' (never got quiet)'}`);
    results.push({ name: scenario.name, ...result });
  } catch (error) {
    console.error(`\n== ${scenario.name} FAILED: ${error.stack ?? error}`);
    results.push({ name: scenario.name, error: String(error.message ?? error), checks: [] });
  }
}

console.log(JSON.stringify(machineFacts()));
if (SHARED.some(selected)) {
  const platform = await startPlatform({ cpus: cpus.server, nodeArgs });
  try {
    const seedStarted = performance.now();
    const seed = await seedRealisticData(platform);
    console.log(`seeded ${JSON.stringify(seed.counts)} in ${Math.round(performance.now() - seedStarted)} ms`);
    const context = { platform, seed, databaseUrl: databaseUrlOf(platform.dataDir), cpus, timing, quick };
    for (const scenario of SHARED.filter(selected)) await attempt(scenario, context);
  } finally {
    await platform.stop();
  }
}
for (const scenario of OWN.filter(selected)) await attempt(scenario, { cpus, timing, quick, nodeArgs });

const profiles = [];
if (profile) {
  for (const file of readdirSync(profileDir).filter((name) => name.endsWith('.cpuprofile'))) {
    const summary = summarizeProfile(JSON.parse(readFileSync(join(profileDir, file), 'utf8')));
    printProfileSummary(summary, file);
    profiles.push({ file: join(profileDir, file), ...summary });
  }
}

const checks = results.flatMap((result) => result.checks.map((c) => ({ scenario: result.name, ...c })));
console.log('\n== Summary');
for (const c of checks) console.log(`  [${c.met ? 'met' : 'NOT MET'}] ${c.scenario}: ${c.label} = ${c.value} (target ${c.target})`);
for (const result of results.filter((r) => r.error)) console.log(`  [FAILED] ${result.name}: ${result.error}`);
const wallSeconds = Math.round((performance.now() - started) / 1000);
console.log(`  wall time ${wallSeconds} s`);

const file = profile ? 'profile.json' : only ? 'partial.json' : quick ? 'quick.json' : 'latest.json';
mkdirSync(resultsDir, { recursive: true });
const report = { mode: quick ? 'quick' : 'full', profiled: profile, machine: machineFacts(), wallSeconds, timing, scenarios: results, checks, profiles };
writeFileSync(join(resultsDir, file), `${JSON.stringify(report, null, 2)}\n`);
console.log(`  wrote bench/results/${file}`);
