import { Controller, Get, Inject, Param } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { APP_CONFIG, type AppConfig } from '../../../config/app-config.js';
import { OrgMemberRoute, RequirePermission } from '../../../shared/auth/route-access.js';
import { DomainError } from '../../../shared/errors/domain-error.js';
import { currentRequestContext } from '../../../shared/http/request-context.js';
import { IssuerResolver } from '../../identity/index.js';
import { WRITE_OPERATIONS_BY_REQUEST } from '../protocol/dashboard-write-operations.js';

/** What the dashboard reads about the organization's orchestrators without asking them. */
@Controller('api/v1/orgs/:orgId')
export class OrgOrchestrationController {
  constructor(
    private readonly dataSource: DataSource,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly issuers: IssuerResolver,
  ) {}

  /**
   * The dashboard-write policy in force (platform-domain §9.4): all 26 operations, each enabled unless a
   * connected orchestrator of the organization disabled it; `policyVersion` is the highest it reported.
   */
  @OrgMemberRoute()
  @Get('capabilities')
  async capabilities(@Param('orgId') orgId: string): Promise<{ dashboardWrites: Record<string, boolean>; policyVersion: number }> {
    const rows = (await this.dataSource.query('SELECT capabilities FROM platform_connections WHERE org_id = $1 AND disconnected_at IS NULL', [orgId])) as {
      capabilities: { dashboardWrites?: Record<string, boolean>; policyVersion?: unknown };
    }[];
    const dashboardWrites = Object.fromEntries(
      [...WRITE_OPERATIONS_BY_REQUEST.values()].map(({ operation }) => [operation, !rows.some((row) => row.capabilities.dashboardWrites?.[operation] === false)]),
    );
    const versions = rows.map((row) => row.capabilities.policyVersion).filter((version): version is number => typeof version === 'number');
    return { dashboardWrites, policyVersion: versions.length > 0 ? Math.max(...versions) : 0 };
  }

  /**
   * The full 26-row policy matrix (platform-domain §9.9): per operation whether the dashboard may perform
   * it. Addressed to one cluster as `…/orchestrators/:clusterName/security/dashboard-policy`; without a
   * cluster it is the org-wide view (an operation is off if any connected orchestrator turned it off).
   */
  @RequirePermission('org_settings', 'read')
  @Get('security/dashboard-policy')
  async dashboardPolicy(@Param('orgId') orgId: string) {
    const cluster = currentRequestContext()?.cluster ?? null;
    const rows = (await this.dataSource.query(
      'SELECT capabilities FROM platform_connections WHERE org_id = $1 AND disconnected_at IS NULL AND ($2::text IS NULL OR cluster_name = $2)',
      [orgId, cluster],
    )) as { capabilities: { dashboardWrites?: Record<string, boolean>; policyVersion?: unknown } }[];
    if (cluster && rows.length === 0) throw new DomainError('GATEWAY.NO_CLUSTER', `Orchestrator cluster "${cluster}" is not connected`);
    const versions = rows.map((row) => row.capabilities.policyVersion).filter((version): version is number => typeof version === 'number');
    return {
      clusterName: cluster,
      policyVersion: versions.length > 0 ? Math.max(...versions) : 0,
      operations: [...WRITE_OPERATIONS_BY_REQUEST.values()].map((operation) => ({
        ...operation,
        enabled: !rows.some((row) => row.capabilities.dashboardWrites?.[operation.operation] === false),
      })),
    };
  }

  /** Webhook sources orchestrators registered, with the URL each provider must call. */
  @RequirePermission('webhook_sources', 'read')
  @Get('sources')
  async sources(@Param('orgId') orgId: string): Promise<{ sources: Record<string, unknown>[] }> {
    const rows = (await this.dataSource.query(
      `SELECT routing_key AS "routingKey", provider, name, subtype, slug, registered_at AS "registeredAt"
         FROM webhook_sources WHERE org_id = $1 ORDER BY registered_at, routing_key`,
      [orgId],
    )) as { routingKey: string; provider: string; name: string; subtype: string; slug: string | null; registeredAt: Date }[];
    const base = this.config.gateway.webhookPublicUrl ?? `${this.issuers.publicOrigin()}${this.config.http.basePath}`;
    return {
      sources: rows.map((row) => {
        const generic = /^generic:[^:]+:(.+)$/.exec(row.routingKey);
        const webhookUrl = row.provider === 'github' ? `${base}/webhook/${orgId}/github` : generic ? `${base}/webhook/${orgId}/generic/${generic[1]}` : null;
        return { ...row, webhookUrl, registeredAt: row.registeredAt.toISOString() };
      }),
    };
  }
}
