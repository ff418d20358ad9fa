import { z } from 'zod';
import type { ClusterChoice } from '../application/connection-selector.js';

const clusterName = z.string().trim().min(1).max(128);

/** `?orchestrator=` (must be connected) and `?defaultCluster=` (used when connected): which cluster to ask. */
export const clusterQueryFields = { orchestrator: clusterName.optional(), defaultCluster: clusterName.optional() };

export function clusterChoiceOf(query: { orchestrator?: string; defaultCluster?: string }): ClusterChoice {
  return { cluster: query.orchestrator ?? null, defaultCluster: query.defaultCluster ?? null };
}
