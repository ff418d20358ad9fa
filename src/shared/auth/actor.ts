/** Kinds of principal that can cause a change. `system` is the Platform itself (jobs, start-up). */
export type ActorType = 'user' | 'api_key' | 'service_account' | 'orchestrator' | 'system' | 'anonymous';

/**
 * Who is acting: resolved from the credential at the edge and carried by every command and event, so
 * handlers and the audit log never have to look it up again.
 */
export interface Actor {
  readonly type: ActorType;
  /** Stable id of the principal: user id, key id, connection id, or a fixed name for `system`. */
  readonly id: string;
  /** Human label at the time of the action (email, key name); informational only. */
  readonly display: string | null;
}

/** The Platform acting on its own behalf. */
export function systemActor(name: string): Actor {
  return { type: 'system', id: name, display: null };
}
