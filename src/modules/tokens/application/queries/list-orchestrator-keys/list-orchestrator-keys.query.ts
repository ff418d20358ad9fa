import { Query } from '@nestjs/cqrs';
import type { OrchestratorKeyView } from '../../orchestrator-key-view.js';

/** Every orchestrator key of an organization, revoked ones included (with `revokedAt`). */
export class ListOrchestratorKeysQuery extends Query<OrchestratorKeyView[]> {
  constructor(readonly orgId: string) {
    super();
  }
}
