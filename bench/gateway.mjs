// Gateway benchmark on its own (`npm run bench:gateway`): scenario 4 of `npm run bench`.
// Usage: node bench/gateway.mjs [--quick]   (--quick: 1,000 connections instead of 10,000)
import { printScenario } from './lib/report.mjs';
import { run } from './scenarios/gateway-scale.mjs';

printScenario(await run({ cpus: { server: '0', client: '1' }, quick: process.argv.includes('--quick') }));
