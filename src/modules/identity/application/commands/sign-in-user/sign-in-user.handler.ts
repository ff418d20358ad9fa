import { CommandHandler } from '@nestjs/cqrs';
import { TransactionalCommandHandler } from '../../../../../shared/cqrs/transactional-command-handler.js';
import { uuidv7 } from '../../../../../shared/ids/uuid-v7.js';
import { UserEntity } from '../../../infrastructure/user.entity.js';
import { UserCreatedEvent } from '../../events/user-created.event.js';
import { SignInUserCommand } from './sign-in-user.command.js';

@CommandHandler(SignInUserCommand)
export class SignInUserHandler extends TransactionalCommandHandler<SignInUserCommand, UserEntity> {
  /**
   * Insert-if-absent, so two first requests of a new user racing on two replicas create one row and one
   * `user.create` audit entry. Email and display name follow the identity provider.
   */
  protected async handle({ identity }: SignInUserCommand): Promise<UserEntity> {
    const manager = this.uow.manager;
    const now = new Date();
    const candidate: UserEntity = { id: uuidv7(), ...identity, createdAt: now, lastSeenAt: now };
    const inserted = (await manager
      .createQueryBuilder()
      .insert()
      .into(UserEntity)
      .values(candidate)
      .orIgnore()
      .returning('id')
      .execute()) as { raw: { id: string }[] };

    if (inserted.raw.length > 0) {
      const actor = { type: 'user' as const, id: candidate.id, display: candidate.email ?? candidate.displayName };
      this.uow.raise(new UserCreatedEvent({ actor, orgId: null }, candidate));
      return candidate;
    }
    const existing = await manager.findOneOrFail(UserEntity, { where: { issuer: identity.issuer, subject: identity.subject } });
    if (existing.email !== identity.email || existing.emailVerified !== identity.emailVerified || existing.displayName !== identity.displayName) {
      const profile = { email: identity.email, emailVerified: identity.emailVerified, displayName: identity.displayName, lastSeenAt: now };
      await manager.update(UserEntity, { id: existing.id }, profile);
      return { ...existing, ...profile };
    }
    return existing;
  }
}
