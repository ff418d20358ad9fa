import { Controller, Get, Param, Query } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import { z } from 'zod';
import { sinceSchema } from './since-query.js';
import { CurrentOrgAccess } from '../../../shared/auth/current-principal.decorator.js';
import type { OrgAccess } from '../../../shared/auth/org-access.js';
import { RequirePermission } from '../../../shared/auth/route-access.js';
import { DomainError } from '../../../shared/errors/domain-error.js';
import { ZodValidationPipe } from '../../../shared/validation/zod-validation.pipe.js';
import { ListRunsQuery, type RunPage } from '../application/queries/list-runs/list-runs.query.js';
import type { RunListItem } from '../application/queries/list-runs/run-list-item.js';

/** The CLI's fixed page size; API users may ask for up to 100 with `limit`. */
const PAGE_SIZE = 20;



const listRunsQuerySchema = z
  .object({
    status: z.string().trim().min(1).max(16).optional(),
    workflow: z.string().trim().min(1).max(128).optional(),
    branch: z.string().trim().min(1).max(128).optional(),
    repository: z.string().trim().min(1).max(256).optional(),
    triggerType: z.string().trim().min(1).max(128).optional(),
    source: z.string().trim().min(1).max(255).optional(),
    since: sinceSchema.optional(),
    sort: z.enum(['startedAt', 'completedAt', 'durationMs', 'workflowName', 'status']).optional(),
    dir: z.enum(['asc', 'desc']).optional(),
    page: z.coerce.number().int().min(1).max(100_000).default(1),
    limit: z.coerce.number().int().min(1).max(100).optional(),
  })
  .strict();

type ListRunsParams = z.infer<typeof listRunsQuerySchema>;

/** Runs served from the Platform's projection: they list even with no orchestrator connected. */
@Controller('api/v1/orgs/:orgId/runs')
export class RunsController {
  constructor(private readonly queries: QueryBus) {}

  @RequirePermission('runs', 'read')
  @Get()
  list(
    @Param('orgId') orgId: string,
    @CurrentOrgAccess() access: OrgAccess,
    @Query(new ZodValidationPipe(listRunsQuerySchema, 'query')) query: ListRunsParams,
  ): Promise<RunPage> {
    const { page, limit, since, ...filters } = query;
    return this.queries.execute(
      new ListRunsQuery({ orgId, ...filters, since, repoPatterns: access.repoPatterns, page, pageSize: limit ?? PAGE_SIZE }),
    );
  }

  /** One run; a run outside the caller's repositories answers like a missing one. */
  @RequirePermission('runs', 'read')
  @Get(':runId')
  async get(@Param('orgId') orgId: string, @Param('runId') runId: string, @CurrentOrgAccess() access: OrgAccess): Promise<{ run: RunListItem }> {
    if (runId.length > 128) throw new DomainError('RUNS.NOT_FOUND', 'Run not found');
    const { runs } = await this.queries.execute(new ListRunsQuery({ orgId, runId, repoPatterns: access.repoPatterns, page: 1, pageSize: 1 }));
    if (runs.length === 0) throw new DomainError('RUNS.NOT_FOUND', 'Run not found');
    return { run: runs[0]! };
  }
}
