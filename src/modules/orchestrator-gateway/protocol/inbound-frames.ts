import { z } from 'zod';

/**
 * Frames an orchestrator sends that the Platform acts on (orchestrator-protocol.md §2), declared here from
 * the spec tables. Unknown extra fields are kept out by parsing (zod strips them); capabilities pass
 * through whole because newer orchestrators add flags.
 */
export const capabilitiesSchema = z
  .object({
    orchRole: z.enum(['coordinator', 'worker']).optional(),
    dashboardWrites: z.record(z.string(), z.boolean()).optional(),
    supportedDashboardRequests: z.array(z.string().max(200)).max(1000).optional(),
  })
  .passthrough();

export const authRequestSchema = z.object({
  type: z.literal('auth.request'),
  token: z.string().min(1).max(512),
  protocolVersion: z.number().int(),
  capabilities: capabilitiesSchema.optional(),
});

export const heartbeatSchema = z.object({ type: z.literal('heartbeat'), timestamp: z.number() });

const sourceSchema = z.object({
  provider: z.enum(['github', 'gitlab', 'bitbucket', 'generic']),
  routingKey: z.string().min(1).max(255),
  name: z.string().max(255),
  subtype: z.enum(['github_app', 'generic_webhook', 'universal_git', 'local']),
  slug: z.string().min(1).max(255).optional(),
});

export type RegisteredSource = z.infer<typeof sourceSchema>;

export const sourceRegisterSchema = z.object({
  type: z.literal('source.register'),
  messageId: z.string().min(1).max(128),
  sources: z.array(sourceSchema).max(10_000),
  instanceId: z.string().max(128).optional(),
  clusterName: z.string().max(200).optional(),
  clusterId: z.string().max(64).optional(),
  address: z.string().max(512).nullable().optional(),
  version: z.string().max(64).optional(),
  mode: z.enum(['platform', 'hybrid', 'independent']).optional(),
  scalerBackends: z.array(z.string().max(64)).max(50).optional(),
  deployment: z.object({ mode: z.string().max(32) }).passthrough().optional(),
  s3LogAccess: z.boolean().optional(),
  queueTimeoutMs: z.number().nonnegative().optional(),
});

export type SourceRegister = z.infer<typeof sourceRegisterSchema>;

export const sourceDeregisterSchema = z.object({
  type: z.literal('source.deregister'),
  messageId: z.string().min(1).max(128),
  routingKeys: z.array(z.string().max(255)).max(10_000),
});

export const capabilitiesUpdateSchema = z.object({ type: z.literal('orch.capabilities.update'), capabilities: capabilitiesSchema });

/** `clusterName` format the orchestrator itself enforces ([CN]); other values are not stored. */
export const CLUSTER_NAME = /^[a-z][a-z0-9-]{0,62}$/;

/** The `type` of any JSON object frame, or null when the frame is not one. */
export function frameType(frame: unknown): string | null {
  return typeof frame === 'object' && frame !== null && typeof (frame as { type?: unknown }).type === 'string' ? (frame as { type: string }).type : null;
}
