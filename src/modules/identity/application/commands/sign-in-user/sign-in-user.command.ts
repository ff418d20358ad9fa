import { systemActor } from '../../../../../shared/auth/actor.js';
import { AppCommand } from '../../../../../shared/cqrs/app-command.js';
import type { VerifiedIdentity } from '../../../oidc/verified-identity.js';
import type { UserEntity } from '../../../infrastructure/user.entity.js';

/** Finds the user a verified identity belongs to, creating them (and their profile) on first sight. */
export class SignInUserCommand extends AppCommand<UserEntity> {
  constructor(readonly identity: VerifiedIdentity) {
    super(systemActor('identity'));
  }
}
