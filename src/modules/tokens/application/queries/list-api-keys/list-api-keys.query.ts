import { Query } from '@nestjs/cqrs';
import type { ApiKeyView } from '../../api-key-view.js';

/** The active user API keys of an organization. */
export class ListApiKeysQuery extends Query<ApiKeyView[]> {
  constructor(readonly orgId: string) {
    super();
  }
}
