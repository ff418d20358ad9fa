import { Injectable } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { actorOf, type Principal } from '../../../shared/auth/principal.js';
import { type ClusterChoice, OrchestratorProxy, wireActorOf } from '../../orchestrator-gateway/index.js';
import { RecordRunActionCommand } from '../application/commands/record-run-action/record-run-action.js';

type Audited = ConstructorParameters<typeof RecordRunActionCommand>[2];

/**
 * Sends a write to the org's orchestrator (its write policy is checked before sending) and, once the
 * orchestrator accepted it, writes the audit row. Nothing is audited for a refused or failed write.
 */
@Injectable()
export class RelayedWrite {
  constructor(
    private readonly proxy: OrchestratorProxy,
    private readonly commands: CommandBus,
  ) {}

  async send(
    orgId: string,
    principal: Principal,
    type: string,
    fields: Record<string, unknown>,
    audit: { action: Audited; targetId: string; details?: Record<string, unknown> },
    choice: ClusterChoice = {},
  ): Promise<Record<string, unknown>> {
    const answer = await this.proxy.request(orgId, wireActorOf(principal), type, fields, choice);
    return this.record(orgId, principal, audit, answer);
  }

  /** The audit half alone, for callers that inspect the answer before deciding it was accepted. */
  async record(
    orgId: string,
    principal: Principal,
    audit: { action: Audited; targetId: string; details?: Record<string, unknown> },
    answer: Record<string, unknown>,
  ): Promise<Record<string, unknown>> {
    await this.commands.execute(new RecordRunActionCommand(actorOf(principal), orgId, audit.action, audit.targetId, audit.details ?? {}));
    return answer;
  }
}
