import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';

export interface GoldenLine {
  readonly run: string;
  readonly seq: number;
  readonly dir: 'orch->platform' | 'platform->orch' | 'meta';
  readonly type?: string;
  readonly frame?: Record<string, unknown> & { type: string };
}

/** The org id the capture's stub handed out; replayed frames get the test organization's id instead. */
export const GOLDEN_ORG_ID = 'org_abcdefghijkl';

const lines: GoldenLine[] = readFileSync(resolve('test/fixtures/frames/orchestrator-v0.1.24.jsonl'), 'utf8')
  .split('\n')
  .filter((line) => line.trim().length > 0)
  .map((line) => JSON.parse(line) as GoldenLine);

/** Frames the real orchestrator sent in the `main` run, in order, optionally of one type. */
export function orchestratorFrames(type?: string): (Record<string, unknown> & { type: string })[] {
  return lines.filter((line) => line.run === 'main' && line.dir === 'orch->platform' && (!type || line.type === type)).map((line) => line.frame!);
}

/** A golden frame made to belong to `orgId`, with `token` as its credential when it has one. */
export function retarget<T extends Record<string, unknown>>(frame: T, orgId: string, token?: string): T {
  const copy = JSON.parse(JSON.stringify(frame).split(GOLDEN_ORG_ID).join(orgId)) as T;
  return token && 'token' in copy ? { ...copy, token } : copy;
}

/** Frames the capture's stub Platform sent to the real orchestrator in the `main` run, optionally of one type. */
export function platformFrames(type?: string): (Record<string, unknown> & { type: string })[] {
  return lines.filter((line) => line.run === 'main' && line.dir === 'platform->orch' && (!type || line.type === type)).map((line) => line.frame!);
}
