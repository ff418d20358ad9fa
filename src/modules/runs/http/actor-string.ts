import type { WireActor } from '../../orchestrator-gateway/index.js';

/** `user:<sub>`, `api_key:<id>`, … — how orchestrators record who acted on a run. */
export function stringifyActor(actor: WireActor): string {
  switch (actor.type) {
    case 'user':
      return actor.agent ? `user:${actor.sub} via agent:${actor.agent.label}` : `user:${actor.sub}`;
    case 'api_key':
      return `api_key:${actor.keyId}`;
    case 'service_account':
      return `service_account:${actor.id}`;
    case 'system':
      return `system:${actor.component}`;
  }
}
