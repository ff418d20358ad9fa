import { Query } from '@nestjs/cqrs';

/** A personal access token as its owner sees it: never the secret or its hash. */
export interface PatSummary {
  readonly id: string;
  readonly name: string;
  readonly kind: 'user' | 'agent';
  readonly agentLabel: string | null;
  readonly prefix: string;
  readonly scopes: Record<string, string> | null;
  readonly createdAt: string;
  readonly expiresAt: string;
  readonly lastUsedAt: string | null;
  readonly expired: boolean;
}

/** The active (not revoked) personal access tokens of a user, newest first. */
export class ListPatsQuery extends Query<PatSummary[]> {
  constructor(readonly userId: string) {
    super();
  }
}
