import type { IncomingHttpHeaders } from 'node:http';
import { DomainError } from '../../../shared/errors/domain-error.js';
import { uuidv7 } from '../../../shared/ids/uuid-v7.js';
import type { RelayEnvelope } from '../../orchestrator-gateway/index.js';
import { forwardedHeaders } from './forwarded-headers.js';

/** Which ingress route a delivery came in on. */
export type IngressKind = { readonly provider: 'github' } | { readonly provider: 'generic'; readonly sourceId: string };

/** Org ids the Platform issues (`org_` + 12 of [0-9a-z]); anything else is unknown without a lookup. */
export const ORG_ID = /^org_[0-9a-z]{12}$/;
/** Generic source ids as orchestrators name them; anything else cannot have been registered. */
export const SOURCE_ID = /^[A-Za-z0-9._-]{1,128}$/;
/** A delivery id we pass on: printable, bounded (it keys the orchestrator's 24 h dedup). */
const DELIVERY_ID = /^[\x21-\x7e]{1,255}$/;
const EVENT_NAME = /^[\x21-\x7e]{1,255}$/;

/** Headers a generic sender may name its delivery with, in order of preference; else the Platform makes one. */
const GENERIC_DELIVERY_HEADERS = ['x-delivery-id', 'webhook-id', 'x-github-delivery', 'x-gitlab-event-uuid'];
/** Signature headers the orchestrator's default verifiers read (generic sources may configure others; all headers are forwarded). */
const GENERIC_SIGNATURE_HEADERS = ['x-signature-256', 'x-hub-signature-256'];

const badRequest = (message: string): DomainError => new DomainError('WEBHOOK.BAD_REQUEST', message);

function single(headers: IncomingHttpHeaders, name: string): string | undefined {
  const value = headers[name];
  return Array.isArray(value) ? value[0] : value;
}

/** A delivery as the relay describes it, and whether its id is the sender's. */
export interface DescribedDelivery {
  readonly envelope: RelayEnvelope;
  /**
   * The sender named no delivery id, so the Platform made a fresh one: it cannot be a redelivery, and
   * looking for an earlier receipt of it would be a wasted round trip.
   */
  readonly deliveryIdIssued: boolean;
}

/**
 * Everything the relay says about a delivery besides its bytes, derived from the route and the provider's
 * headers (orchestrator-protocol §2.6, platform-domain §5.1). The body is never parsed: `action` lives in
 * it, so it stays null and the orchestrator reads it from the payload it verifies.
 */
export function describeDelivery(orgId: string, kind: IngressKind, headers: IncomingHttpHeaders, clientIp: string | null, requestId: string): DescribedDelivery {
  let routingKey: string;
  let deliveryId: string | undefined;
  let event: string | undefined;
  let signatureHeaderName: string | null = null;
  if (kind.provider === 'github') {
    const appId = single(headers, 'x-github-hook-installation-target-id');
    if (!appId || !/^\d{1,20}$/.test(appId)) throw badRequest('Missing or invalid X-GitHub-Hook-Installation-Target-ID header');
    const targetType = single(headers, 'x-github-hook-installation-target-type');
    if (targetType !== undefined && targetType !== 'integration') throw badRequest('X-GitHub-Hook-Installation-Target-Type must be "integration" (a GitHub App webhook)');
    event = single(headers, 'x-github-event');
    if (!event) throw badRequest('Missing X-GitHub-Event header');
    routingKey = `github:${appId}`;
    deliveryId = single(headers, 'x-github-delivery');
    if (headers['x-hub-signature-256'] !== undefined) signatureHeaderName = 'x-hub-signature-256';
  } else {
    routingKey = `generic:${orgId}:${kind.sourceId}`;
    deliveryId = GENERIC_DELIVERY_HEADERS.map((name) => single(headers, name)).find((value) => value !== undefined);
    event = single(headers, 'x-event-type') ?? 'default';
    signatureHeaderName = GENERIC_SIGNATURE_HEADERS.find((name) => headers[name] !== undefined) ?? null;
  }
  if (!EVENT_NAME.test(event)) throw badRequest('The event header must be 1-255 printable characters');
  if (deliveryId !== undefined && !DELIVERY_ID.test(deliveryId)) throw badRequest('The delivery id header must be 1-255 printable characters');
  const envelope: RelayEnvelope = {
    routingKey,
    deliveryId: deliveryId ?? uuidv7(),
    event,
    action: null,
    signatureHeaderName,
    signatureHeader: signatureHeaderName ? (single(headers, signatureHeaderName) ?? null) : null,
    clientIp,
    headers: forwardedHeaders(headers),
    requestId,
  };
  return { envelope, deliveryIdIssued: deliveryId === undefined };
}
