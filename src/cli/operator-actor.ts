import { userInfo } from 'node:os';
import { type Actor, systemActor } from '../shared/auth/actor.js';

/** Fixed id of every change made through `kici-platform`, so the audit log tells operator actions apart. */
export const OPERATOR_CLI_ACTOR_ID = 'platform-admin-cli';

/**
 * The actor of the operator CLI: the Platform acting at its operator's request (`system`, spec §2.5),
 * always with the same id. The display names the OS account that ran it, for whoever reads the audit log.
 */
export function operatorCliActor(): Actor {
  let account: string | null = null;
  try {
    account = userInfo().username;
  } catch {
    // No passwd entry (some containers): the fixed id is enough.
  }
  return { ...systemActor(OPERATOR_CLI_ACTOR_ID), display: account ? `kici-platform (${account})` : 'kici-platform' };
}
