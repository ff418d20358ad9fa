import type { IncomingHttpHeaders } from 'node:http';

/** Headers that describe this hop, not the delivery; cookies are never the orchestrator's business. */
const HOP_BY_HOP = new Set([
  'connection',
  'keep-alive',
  'proxy-authenticate',
  'proxy-authorization',
  'proxy-connection',
  'te',
  'trailer',
  'transfer-encoding',
  'upgrade',
  'host',
  'content-length',
  'expect',
  'cookie',
]);

/**
 * The provider's end-to-end request headers, lowercased (Node already lowercases names). All of them go,
 * because a generic source's verification header is configured on the orchestrator and the Platform
 * cannot know its name (orchestrator-protocol §2.6). Repeated headers are joined as HTTP allows.
 */
export function forwardedHeaders(headers: IncomingHttpHeaders): Record<string, string> {
  const named = new Set(
    String(headers.connection ?? '')
      .split(',')
      .map((token) => token.trim().toLowerCase())
      .filter(Boolean),
  );
  const forwarded: Record<string, string> = {};
  for (const [name, value] of Object.entries(headers)) {
    if (value === undefined || HOP_BY_HOP.has(name) || named.has(name)) continue;
    forwarded[name] = Array.isArray(value) ? value.join(', ') : value;
  }
  return forwarded;
}
