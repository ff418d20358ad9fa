import { CommandHandler } from '@nestjs/cqrs';
import { TransactionalCommandHandler } from '../../../../../shared/cqrs/transactional-command-handler.js';
import { OrgEntity } from '../../../infrastructure/org.entity.js';
import { SupportAccessChangedEvent } from '../../events/org-settings.events.js';
import { SetSupportAccessCommand } from './set-support-access.command.js';

@CommandHandler(SetSupportAccessCommand)
export class SetSupportAccessHandler extends TransactionalCommandHandler<SetSupportAccessCommand, { enabled: boolean }> {
  protected async handle({ actor, orgId, enabled }: SetSupportAccessCommand): Promise<{ enabled: boolean }> {
    const result = await this.uow.manager.update(OrgEntity, { id: orgId, supportAccessEnabled: !enabled }, { supportAccessEnabled: enabled, updatedAt: new Date() });
    if (result.affected) this.uow.raise(new SupportAccessChangedEvent({ actor, orgId }, enabled ? 'support.enable' : 'support.disable', orgId));
    return { enabled };
  }
}
