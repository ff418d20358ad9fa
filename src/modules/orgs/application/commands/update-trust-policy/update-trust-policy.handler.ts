import { CommandHandler } from '@nestjs/cqrs';
import { TransactionalCommandHandler } from '../../../../../shared/cqrs/transactional-command-handler.js';
import { TrustPolicyEntity } from '../../../infrastructure/trust-policy.entity.js';
import { TrustPolicyUpdatedEvent } from '../../events/org-settings.events.js';
import { toTrustPolicyView } from '../../queries/org-settings/org-settings.handlers.js';
import type { TrustPolicyView } from '../../queries/org-settings/org-settings.queries.js';
import { UpdateTrustPolicyCommand } from './update-trust-policy.command.js';

@CommandHandler(UpdateTrustPolicyCommand)
export class UpdateTrustPolicyHandler extends TransactionalCommandHandler<UpdateTrustPolicyCommand, TrustPolicyView> {
  /** Saving an unchanged policy is not a change: no row, no event. */
  protected async handle({ actor, orgId, policy }: UpdateTrustPolicyCommand): Promise<TrustPolicyView> {
    const current = toTrustPolicyView(await this.uow.manager.findOne(TrustPolicyEntity, { where: { orgId }, lock: { mode: 'pessimistic_write' } }));
    const changes = (Object.keys(policy) as (keyof typeof policy)[])
      .filter((field) => policy[field] !== current[field])
      .map((field) => ({ field, old: current[field], new: policy[field] }));
    if (changes.length === 0) return current;
    const saved: TrustPolicyEntity = { orgId, ...policy, updatedAt: new Date() };
    await this.uow.manager.upsert(TrustPolicyEntity, saved, ['orgId']);
    const view = toTrustPolicyView(saved);
    this.uow.raise(new TrustPolicyUpdatedEvent({ actor, orgId }, orgId, view, changes));
    return view;
  }
}
