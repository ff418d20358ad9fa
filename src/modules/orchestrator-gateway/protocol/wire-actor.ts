import type { Principal } from '../../../shared/auth/principal.js';

/** The `actor` of every proxied request (orchestrator-protocol §2.9.2), built only from the authenticated principal. */
export type WireActor =
  | { type: 'user'; sub: string; agent?: { patId: string; label: string } }
  | { type: 'api_key'; keyId: string; ownerSub: string }
  | { type: 'service_account'; id: string }
  | { type: 'system'; component: string };

export function wireActorOf(principal: Principal): WireActor {
  switch (principal.kind) {
    case 'user':
      return principal.pat?.kind === 'agent'
        ? { type: 'user', sub: principal.subject, agent: { patId: principal.pat.id, label: principal.pat.agentLabel ?? 'agent' } }
        : { type: 'user', sub: principal.subject };
    case 'api_key':
      return { type: 'api_key', keyId: principal.keyId, ownerSub: principal.creatorSubject };
    case 'service_account':
      return { type: 'service_account', id: principal.serviceAccountId };
  }
}
