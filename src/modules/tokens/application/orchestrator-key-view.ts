import type { OrchestratorKeyEntity } from '../infrastructure/orchestrator-key.entity.js';

/** An orchestrator key as lists show it: the 16-character prefix, never the secret. */
export interface OrchestratorKeyView {
  readonly id: string;
  readonly name: string;
  readonly description: string | null;
  readonly keyPrefix: string;
  readonly routingPatterns: string[];
  readonly createdAt: string;
  readonly lastUsedAt: string | null;
  readonly revokedAt: string | null;
}

export function toOrchestratorKeyView(key: OrchestratorKeyEntity): OrchestratorKeyView {
  return {
    id: key.id,
    name: key.name,
    description: key.description,
    keyPrefix: key.tokenPrefix,
    routingPatterns: key.routingPatterns,
    createdAt: key.createdAt.toISOString(),
    lastUsedAt: key.lastUsedAt?.toISOString() ?? null,
    revokedAt: key.revokedAt?.toISOString() ?? null,
  };
}
