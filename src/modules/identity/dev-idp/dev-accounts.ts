/** A person known to the development identity provider: whoever typed an email on its login page. */
export interface DevAccount {
  readonly accountId: string;
  readonly email: string;
  readonly name: string;
}

/**
 * Development accounts are keyed by their lower-cased email, which is also their `sub`, so signing in
 * with the same email always yields the same KiCI user, across restarts too.
 */
export class DevAccounts {
  private readonly names = new Map<string, string>();

  signIn(email: string, name?: string): DevAccount {
    const accountId = email.trim().toLowerCase();
    const displayName = name?.trim() || this.names.get(accountId) || accountId.split('@')[0]!;
    this.names.set(accountId, displayName);
    return { accountId, email: accountId, name: displayName };
  }

  find(accountId: string): DevAccount {
    return { accountId, email: accountId, name: this.names.get(accountId) ?? accountId.split('@')[0]! };
  }
}
