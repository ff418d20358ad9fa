import { Injectable } from '@nestjs/common';
import { type BlockingEventHandler, BlockingEventsHandler } from '../../../../shared/cqrs/blocking-event-handler.js';
import { UserCreatedEvent } from '../../../identity/index.js';
import { OrgFounder } from '../org-founder.js';

/** "After sign-up you'll have a personal organisation": created in the transaction that creates the user. */
@Injectable()
@BlockingEventsHandler(UserCreatedEvent)
export class CreatePersonalOrgHandler implements BlockingEventHandler<UserCreatedEvent> {
  constructor(private readonly founder: OrgFounder) {}

  async handle(event: UserCreatedEvent): Promise<void> {
    const { user } = event;
    const owner = user.displayName ?? user.email?.split('@')[0] ?? 'My';
    await this.founder.found(event.metadata.actor, user.id, `${owner} (personal)`.slice(0, 100), true);
  }
}
