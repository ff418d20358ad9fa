import { rm } from 'node:fs/promises';
import { TEST_PG_DATA_ENV } from './test-database-env.js';

/** Stops the run's PostgreSQL and removes its data. */
export default async function globalTeardown(): Promise<void> {
  try {
    await globalThis.__KICI_TEST_PG__?.stop();
  } finally {
    const dataDir = process.env[TEST_PG_DATA_ENV];
    if (dataDir) await rm(dataDir, { recursive: true, force: true });
  }
}
