import { Injectable } from '@nestjs/common';
import { PassportStrategy } from '@nestjs/passport';
import { Strategy } from 'passport-http-bearer';
import type { Principal } from '../../../shared/auth/principal.js';
import { BearerTokenResolver } from './bearer-token-resolver.js';

/** Passport's RFC 6750 bearer strategy, resolving the token through `BearerTokenResolver`. */
@Injectable()
export class BearerStrategy extends PassportStrategy(Strategy, 'bearer') {
  constructor(private readonly resolver: BearerTokenResolver) {
    super();
  }

  validate(token: string): Promise<Principal> {
    return this.resolver.resolve(token);
  }
}
