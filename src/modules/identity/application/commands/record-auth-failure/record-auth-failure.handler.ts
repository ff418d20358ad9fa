import { CommandHandler } from '@nestjs/cqrs';
import { TransactionalCommandHandler } from '../../../../../shared/cqrs/transactional-command-handler.js';
import { AuthenticationFailedEvent } from '../../events/authentication-failed.event.js';
import { RecordAuthFailureCommand } from './record-auth-failure.command.js';

@CommandHandler(RecordAuthFailureCommand)
export class RecordAuthFailureHandler extends TransactionalCommandHandler<RecordAuthFailureCommand> {
  protected async handle({ actor, reason, credential }: RecordAuthFailureCommand): Promise<void> {
    this.uow.raise(new AuthenticationFailedEvent({ actor, orgId: null }, reason, credential));
  }
}
