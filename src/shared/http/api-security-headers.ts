import type { IncomingMessage, OutgoingHttpHeaders, ServerResponse } from 'node:http';
import helmet, { type HelmetOptions } from 'helmet';

/**
 * What a browser may do with the Platform's responses. The API answers JSON only, so nothing it sends
 * needs to load, frame or run anything: the policy denies it all. The development identity provider's
 * pages set a policy of their own (they need their inline style and forms).
 */
export const API_CONTENT_SECURITY_POLICY = {
  'default-src': ["'none'"],
  'base-uri': ["'none'"],
  'form-action': ["'none'"],
  'frame-ancestors': ["'none'"],
};

const HELMET_OPTIONS: HelmetOptions = { contentSecurityPolicy: { useDefaults: false, directives: API_CONTENT_SECURITY_POLICY } };

/**
 * The headers helmet sets for `options`, computed once. They depend on nothing in the request, and
 * building helmet's middleware (as `@fastify/helmet` does for every request) cost a tenth of the CPU of
 * a small authenticated request.
 */
export function helmetHeaders(options: HelmetOptions): readonly (readonly [string, string])[] {
  const headers: [string, string][] = [];
  const recorder = {
    setHeader: (name: string, value: string | number | readonly string[]) => headers.push([name.toLowerCase(), String(value)]),
    removeHeader: () => undefined,
  };
  helmet(options)({} as IncomingMessage, recorder as unknown as ServerResponse, (error?: unknown) => {
    if (error) throw error instanceof Error ? error : new Error(String(error));
  });
  return headers;
}

/** The API's security headers, computed once (helmet's, for the deny-all policy above). */
export const API_SECURITY_HEADERS: Readonly<OutgoingHttpHeaders> = Object.freeze(Object.fromEntries(helmetHeaders(HELMET_OPTIONS)));

/** For a response written on the raw socket (a hijacked reply), which Fastify's reply headers never reach. */
export function setSecurityHeaders(response: ServerResponse): void {
  for (const [name, value] of Object.entries(API_SECURITY_HEADERS)) response.setHeader(name, value!);
}

