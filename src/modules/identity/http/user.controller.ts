import { Controller, Get } from '@nestjs/common';
import { CurrentUser } from '../../../shared/auth/current-principal.decorator.js';
import type { UserPrincipal } from '../../../shared/auth/principal.js';
import { UserRoute } from '../../../shared/auth/route-access.js';

export interface UserProfile {
  readonly id: string;
  readonly sub: string;
  readonly issuer: string;
  readonly email: string | null;
  readonly displayName: string | null;
  /** How this request authenticated, and with which token when it was a PAT. */
  readonly credential: { readonly kind: 'oidc' | 'pat'; readonly patId: string | null; readonly agentLabel: string | null };
}

@UserRoute()
@Controller('api/v1/user')
export class UserController {
  @Get()
  profile(@CurrentUser() principal: UserPrincipal): UserProfile {
    return {
      id: principal.userId,
      sub: principal.subject,
      issuer: principal.issuer,
      email: principal.email,
      displayName: principal.displayName,
      credential: { kind: principal.credential, patId: principal.pat?.id ?? null, agentLabel: principal.pat?.agentLabel ?? null },
    };
  }
}
