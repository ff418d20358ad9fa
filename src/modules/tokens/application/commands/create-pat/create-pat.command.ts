import type { Actor } from '../../../../../shared/auth/actor.js';
import type { PermissionMatrix } from '../../../../../shared/auth/permissions.js';
import { AppCommand } from '../../../../../shared/cqrs/app-command.js';
import type { PatKind } from '../../../infrastructure/personal-access-token.entity.js';

export interface CreatedPat {
  readonly id: string;
  /** The secret, returned once and never stored. */
  readonly token: string;
  readonly name: string;
  readonly expiresAt: string;
}

export interface PatRequest {
  readonly name: string;
  readonly kind: PatKind;
  readonly agentLabel: string | null;
  /** Whole days; null = the configured default. */
  readonly expiresInDays: number | null;
  readonly scopes: PermissionMatrix | null;
}

/** Mints a personal access token for `userId`. */
export class CreatePatCommand extends AppCommand<CreatedPat> {
  constructor(
    actor: Actor,
    readonly userId: string,
    readonly request: PatRequest,
  ) {
    super(actor);
  }
}
