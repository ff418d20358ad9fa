import { CommandHandler } from '@nestjs/cqrs';
import { IsNull } from 'typeorm';
import { TransactionalCommandHandler } from '../../../../../shared/cqrs/transactional-command-handler.js';
import { OrgEntity } from '../../../infrastructure/org.entity.js';
import { OrgDisabledEvent } from '../../events/org-disabled.event.js';
import { DisableOrgCommand } from './disable-org.command.js';

@CommandHandler(DisableOrgCommand)
export class DisableOrgHandler extends TransactionalCommandHandler<DisableOrgCommand> {
  protected async handle({ actor, orgId }: DisableOrgCommand): Promise<void> {
    const disabledAt = new Date();
    const result = await this.uow.manager.update(OrgEntity, { id: orgId, disabledAt: IsNull() }, { disabledAt, updatedAt: disabledAt });
    if (result.affected) this.uow.raise(new OrgDisabledEvent({ actor, orgId }, orgId, disabledAt));
  }
}
