import { sessionsToVouch, VOUCH_CHUNK_ROWS, vouchDue, vouchPauseMs, type Vouchable } from './vouch-schedule.js';

type Session = { -readonly [K in keyof Vouchable]: Vouchable[K] } & { id: number };

const CHECK_MS = 2500;
const INTERVAL_MS = 10_000;

/** 10,000 sessions that connected and beat together, as after a replica's start. */
const together = (count: number, at: number): Session[] =>
  Array.from({ length: count }, (_, id) => ({ id, vouchedAt: 0, lastHeartbeatAt: at, recordedHeartbeatAt: 0 }));

/** Runs the monitor's vouching for `checks` checks from `start`; returns how many rows each check wrote. */
function simulate(sessions: Session[], start: number, checks: number): { written: number[]; lastVouched: Map<number, number[]> } {
  const written: number[] = [];
  const lastVouched = new Map<number, number[]>();
  for (let check = 0; check < checks; check++) {
    const now = start + check * CHECK_MS;
    for (const session of sessions) session.lastHeartbeatAt = now - 1000;
    const due = sessions.filter((session) => vouchDue(session, now, INTERVAL_MS));
    const chosen = sessionsToVouch(due, sessions.length, CHECK_MS, INTERVAL_MS);
    for (const session of chosen) {
      session.vouchedAt = now;
      session.recordedHeartbeatAt = session.lastHeartbeatAt;
      lastVouched.set(session.id, [...(lastVouched.get(session.id) ?? []), now]);
    }
    written.push(chosen.length);
  }
  return { written, lastVouched };
}

describe('vouch schedule', () => {
  it('spreads sessions that connected together over the checks of an interval, and keeps them spread', () => {
    const { written } = simulate(together(10_000, 0), 1000, 24);
    // A check's share is a quarter of the sessions (check 2.5 s, interval 10 s): never all 10,000 at once,
    // and from the first interval on, every check writes its quarter.
    expect(Math.max(...written)).toBe(2500);
    expect(written.slice(2)).toEqual(Array(written.length - 2).fill(2500));
  });

  it('vouches for every session at least once per interval plus one check, long before the reaper (3 intervals)', () => {
    const { lastVouched } = simulate(together(10_000, 0), 1000, 40);
    let longestGap = 0;
    for (const times of lastVouched.values()) {
      for (let i = 1; i < times.length; i++) longestGap = Math.max(longestGap, times[i]! - times[i - 1]!);
    }
    expect(lastVouched.size).toBe(10_000);
    expect(longestGap).toBeLessThanOrEqual(INTERVAL_MS + 2 * CHECK_MS);
  });

  it('writes the most overdue first, and a first heartbeat not yet written before a routine vouch', () => {
    const now = 100_000;
    const routine: Session = { id: 1, vouchedAt: now - 12_000, lastHeartbeatAt: now - 1000, recordedHeartbeatAt: now - 13_000 };
    const oldest: Session = { id: 2, vouchedAt: now - 25_000, lastHeartbeatAt: now - 1000, recordedHeartbeatAt: now - 26_000 };
    const fresh: Session = { id: 3, vouchedAt: 0, lastHeartbeatAt: now - 500, recordedHeartbeatAt: 0 };
    // One session in all would be a share of one: only the first in line is written.
    expect(sessionsToVouch([routine, oldest, fresh], 1, CHECK_MS, INTERVAL_MS).map((session) => session.id)).toEqual([3]);
    expect(sessionsToVouch([routine, oldest], 1, CHECK_MS, INTERVAL_MS).map((session) => session.id)).toEqual([2]);
  });

  it('writes every due session when they are within the share', () => {
    const due = together(10, 0);
    expect(sessionsToVouch(due, 10_000, CHECK_MS, INTERVAL_MS)).toEqual(due);
  });

  it('is due after an interval, or at once for a first heartbeat', () => {
    const now = 50_000;
    expect(vouchDue({ vouchedAt: now - 9000, lastHeartbeatAt: now, recordedHeartbeatAt: now - 9000 }, now, INTERVAL_MS)).toBe(false);
    expect(vouchDue({ vouchedAt: now - 10_000, lastHeartbeatAt: now, recordedHeartbeatAt: now - 10_000 }, now, INTERVAL_MS)).toBe(true);
    expect(vouchDue({ vouchedAt: now - 1000, lastHeartbeatAt: now, recordedHeartbeatAt: 0 }, now, INTERVAL_MS)).toBe(true);
  });

  it('spreads a check’s statements over the first half of the check period, and pauses for none when one statement does', () => {
    expect(vouchPauseMs(VOUCH_CHUNK_ROWS, CHECK_MS)).toBe(0);
    expect(vouchPauseMs(0, CHECK_MS)).toBe(0);
    // 2,500 rows, the share of a 2.5 s check with 10,000 sessions: 13 statements.
    const pause = vouchPauseMs(2500, CHECK_MS);
    expect(pause).toBe(Math.floor(1250 / 13));
    expect(12 * pause).toBeLessThanOrEqual(CHECK_MS / 2);
    // 10,000 rows at once under the default 30 s check: 50 statements, 300 ms apart.
    expect(vouchPauseMs(10_000, 30_000)).toBe(300);
  });
});
