import { Query } from '@nestjs/cqrs';
import type { RunListItem } from './run-list-item.js';

export interface RunFilter {
  readonly orgId: string;
  readonly status?: string;
  readonly workflow?: string;
  readonly branch?: string;
  readonly repository?: string;
  readonly triggerType?: string;
  readonly source?: string;
  readonly since?: Date;
  /** Column to order by (default `startedAt`) and direction (default `desc`); ties broken by run id. */
  readonly sort?: 'startedAt' | 'completedAt' | 'durationMs' | 'workflowName' | 'status';
  readonly dir?: 'asc' | 'desc';
  readonly runId?: string;
  /** The caller's repository globs; `['*']` = every repository. */
  readonly repoPatterns: readonly string[];
  readonly page: number;
  readonly pageSize: number;
}

export interface RunPage {
  readonly runs: RunListItem[];
  readonly total: number;
  readonly page: number;
  readonly pageSize: number;
  readonly hasMore: boolean;
}

/** Runs from the Platform's own projection, newest first, filtered to what the caller may see. */
export class ListRunsQuery extends Query<RunPage> {
  constructor(readonly filter: RunFilter) {
    super();
  }
}
