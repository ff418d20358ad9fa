import { z } from 'zod';

/**
 * What the kici CLI v0.1.24 validates in responses, re-declared from cli-contract.md Appendix A (the CLI's
 * zod schemas drop unknown keys, so these are not strict). "nullable" = present, possibly null.
 */
const nullableString = z.string().nullable();
const userRef = z.object({ sub: z.string(), email: nullableString, displayName: nullableString }).nullable();

export const runListItem = z.object({
  runId: z.string(),
  workflowName: z.string(),
  status: z.string(),
  repoIdentifier: nullableString,
  sha: nullableString,
  ref: nullableString,
  triggerEvent: nullableString,
  commitMessage: nullableString,
  parentRunId: nullableString,
  originalRunId: nullableString,
  triggeredBy: nullableString,
  cancelledBy: nullableString,
  compileJobId: nullableString,
  repoProvider: nullableString,
  jobCount: z.number().nullable(),
  durationMs: z.number().nullable(),
  startedAt: z.coerce.string().nullable(),
  completedAt: z.coerce.string().nullable(),
  triggeredByUser: userRef,
  cancelledByUser: userRef,
  hadCompileJob: z.boolean(),
  localWorkingTree: z.boolean(),
  source: z
    .object({ routingKey: z.string(), name: nullableString, subtype: z.enum(['github_app', 'generic_webhook', 'universal_git', 'local']).nullable(), provider: z.string() })
    .nullable(),
  failureReason: z.string().nullable().optional(),
  environments: z.array(z.string()).optional(),
});

export const runList = z.object({ runs: z.array(runListItem), total: z.number(), page: z.number(), pageSize: z.number(), hasMore: z.boolean() });
export const runShow = z.object({ run: runListItem });

const epochOrNull = z.number().nullable();
export const runDetail = z.object({
  jobs: z.array(
    z.object({
      jobId: z.string(),
      jobName: z.string(),
      status: z.string(),
      matrixValues: z.record(z.string(), z.unknown()).nullable(),
      startedAt: epochOrNull,
      completedAt: epochOrNull,
      durationMs: epochOrNull,
      agentId: nullableString,
      errorMessage: nullableString,
      steps: z.array(
        z.object({
          stepIndex: z.number(),
          stepName: z.string(),
          status: z.string(),
          startedAt: epochOrNull,
          completedAt: epochOrNull,
          durationMs: epochOrNull,
          exitCode: epochOrNull,
          errorMessage: nullableString,
        }),
      ),
    }),
  ),
  trustContext: z.unknown().optional(),
  checkMode: z.unknown().optional(),
  initFailure: z.unknown().optional(),
});

export const stepLogs = z.object({ lines: z.array(z.string()), totalLines: z.number() });
export const rerun = z.object({ newRunId: z.string() });
export const cancel = z.object({ cancelledJobs: z.number().optional() });
export const cancelByBranch = z.object({ cancelledRuns: z.number().optional() });

export const environments = z.object({
  environments: z
    .array(z.object({ name: z.string(), enabled: z.boolean(), allowLocalExecution: z.boolean(), secretKeys: z.array(z.string()).default([]) }))
    .default([]),
});

export const registrations = z.object({
  registrations: z
    .array(
      z.object({
        id: z.string(),
        repoIdentifier: z.string(),
        workflowName: z.string(),
        createdAt: z.string(),
        updatedAt: z.string(),
        triggerTypes: z.array(z.string()),
        triggers: z.array(z.unknown()),
        sourceRepos: z.array(z.string()),
        lastTriggeredAt: nullableString,
        nextFireAt: nullableString,
      }),
    )
    .optional(),
  registryVersion: z.number(),
  registryUpdatedAt: z.string(),
});

export const diagnosticsSummary = z.object({
  connections: z.array(z.unknown()),
  executionMetrics: z.object({ totalRuns: z.number(), successRate: z.number(), avgDurationSeconds: z.number(), queuedJobs: z.number(), runningJobs: z.number() }),
  orphanedConnections: z.number(),
});

export const infrastructure = z.object({
  orchestrators: z.array(
    z.object({
      connectionId: z.string(),
      routingKeys: z.array(z.string()),
      connected: z.boolean(),
      scalerBackends: z.array(z.unknown()),
      deployment: z.object({
        mode: z.enum(['systemd', 'launchd', 'windows', 'compose', 'unknown']),
        containerName: nullableString,
        containerRuntime: z.enum(['podman', 'docker']).nullable(),
      }),
      agentCount: z.number(),
      runningJobs: z.number(),
      queuedJobs: z.number(),
      statefulAgentCount: z.number(),
      pendingLabelGaps: z.array(z.unknown()),
      agents: z.array(
        z.object({
          agentId: z.string(),
          labels: z.array(z.string()),
          platform: z.string(),
          arch: z.string(),
          activeJobs: z.number(),
          maxConcurrency: z.number(),
          lastHeartbeatAt: z.number(),
          registeredAt: z.number(),
        }),
      ),
      scalers: z.array(z.object({ name: z.string(), type: z.string(), maxAgents: z.number(), activeAgents: z.number(), labelSets: z.array(z.array(z.string())) })),
    }),
  ),
  alerts: z.array(z.object({ type: z.string(), message: z.string(), severity: z.string() })),
  latestVersion: z.string().optional(),
});
