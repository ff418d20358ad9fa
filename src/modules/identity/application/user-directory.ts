import { Injectable } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { DataSource } from 'typeorm';
import { AccessCache } from '../../../shared/auth/access-cache.js';
import type { VerifiedIdentity } from '../oidc/verified-identity.js';
import { UserEntity } from '../infrastructure/user.entity.js';
import { SignInUserCommand } from './commands/sign-in-user/sign-in-user.command.js';

const LAST_SEEN_WRITE_INTERVAL_MS = 60_000;

/**
 * Looks users up for authentication. A known user with an unchanged profile costs one indexed read (or
 * none, from the access cache); only first sight and profile changes go through `SignInUserCommand` (a
 * transaction with its audit row).
 */
@Injectable()
export class UserDirectory {
  private readonly lastSeenWrites = new Map<string, number>();

  constructor(
    private readonly dataSource: DataSource,
    private readonly commands: CommandBus,
    private readonly cache: AccessCache,
  ) {}

  async signIn(identity: VerifiedIdentity): Promise<UserEntity> {
    const known = await this.cache.remember(`user-by-subject:${identity.issuer} ${identity.subject}`, () =>
      this.dataSource.getRepository(UserEntity).findOne({ where: { issuer: identity.issuer, subject: identity.subject } }),
    );
    if (known && known.email === identity.email && known.emailVerified === identity.emailVerified && known.displayName === identity.displayName) {
      this.recordSeen(known.id);
      return known;
    }
    return this.commands.execute(new SignInUserCommand(identity));
  }

  async byId(userId: string): Promise<UserEntity | null> {
    const user = await this.cache.remember(`user:${userId}`, () => this.dataSource.getRepository(UserEntity).findOne({ where: { id: userId } }));
    if (user) this.recordSeen(user.id);
    return user;
  }

  recordSeen(userId: string): void {
    const now = Date.now();
    if (now - (this.lastSeenWrites.get(userId) ?? 0) < LAST_SEEN_WRITE_INTERVAL_MS) return;
    this.lastSeenWrites.set(userId, now);
    if (this.lastSeenWrites.size > 100_000) this.lastSeenWrites.clear();
    void this.dataSource
      .getRepository(UserEntity)
      .update({ id: userId }, { lastSeenAt: new Date(now) })
      .catch(() => this.lastSeenWrites.delete(userId));
  }
}
