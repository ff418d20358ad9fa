import { CommandHandler } from '@nestjs/cqrs';
import { TransactionalCommandHandler } from '../../../../../shared/cqrs/transactional-command-handler.js';
import { OrgEntity } from '../../../infrastructure/org.entity.js';
import { OrgRenamedEvent } from '../../events/org-renamed.event.js';
import { toOrgSummary, type OrgSummary } from '../../queries/get-org/get-org.query.js';
import { RenameOrgCommand } from './rename-org.command.js';

@CommandHandler(RenameOrgCommand)
export class RenameOrgHandler extends TransactionalCommandHandler<RenameOrgCommand, OrgSummary> {
  protected async handle({ actor, orgId, displayName }: RenameOrgCommand): Promise<OrgSummary> {
    const org = await this.uow.manager.findOneOrFail(OrgEntity, { where: { id: orgId }, lock: { mode: 'pessimistic_write' } });
    if (org.displayName === displayName) return toOrgSummary(org);
    const renamed = { ...org, displayName, updatedAt: new Date() };
    await this.uow.manager.update(OrgEntity, { id: orgId }, { displayName, updatedAt: renamed.updatedAt });
    this.uow.raise(new OrgRenamedEvent({ actor, orgId }, orgId, org.displayName, displayName));
    return toOrgSummary(renamed);
  }
}
