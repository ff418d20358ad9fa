import type { PermissionMatrix } from '../../../shared/auth/permissions.js';
import type { UserApiKeyEntity } from '../infrastructure/user-api-key.entity.js';

/** A user API key as lists show it: the 16-character prefix, never the secret or its hash. */
export interface ApiKeyView {
  readonly id: string;
  readonly name: string;
  readonly description: string | null;
  readonly prefix: string;
  readonly permissions: PermissionMatrix;
  readonly createdBy: string;
  readonly createdAt: string;
  readonly lastUsedAt: string | null;
}

export function toApiKeyView(key: UserApiKeyEntity): ApiKeyView {
  return {
    id: key.id,
    name: key.name,
    description: key.description,
    prefix: key.tokenPrefix,
    permissions: key.permissions,
    createdBy: key.createdBy,
    createdAt: key.createdAt.toISOString(),
    lastUsedAt: key.lastUsedAt?.toISOString() ?? null,
  };
}
