import { CommandHandler } from '@nestjs/cqrs';
import { TransactionalCommandHandler } from '../../../../../shared/cqrs/transactional-command-handler.js';
import { OrgFounder } from '../../org-founder.js';
import { toOrgSummary, type OrgSummary } from '../../queries/get-org/get-org.query.js';
import { CreateOrgCommand } from './create-org.command.js';

@CommandHandler(CreateOrgCommand)
export class CreateOrgHandler extends TransactionalCommandHandler<CreateOrgCommand, OrgSummary> {
  constructor(private readonly founder: OrgFounder) {
    super();
  }

  protected async handle({ actor, creatorUserId, displayName }: CreateOrgCommand): Promise<OrgSummary> {
    return toOrgSummary(await this.founder.found(actor, creatorUserId, displayName, false));
  }
}
