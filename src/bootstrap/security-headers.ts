import type { IncomingMessage, ServerResponse } from 'node:http';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import helmet, { type HelmetOptions } from 'helmet';
import type { AppConfig } from '../config/app-config.js';

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

/**
 * Security headers on every response (helmet's, set on the raw response before routing so that hijacked
 * replies — the development identity provider's pages — carry them too), and CORS only for the origins an operator
 * listed in `KICI_CORS_ORIGINS`: with none, no CORS header is ever sent, so browsers keep other sites'
 * scripts out of the API. Fastify itself names no server and no version, and nothing here adds one.
 */
export async function installSecurityHeaders(app: NestFastifyApplication, config: AppConfig): Promise<void> {
  const headers = helmetHeaders(HELMET_OPTIONS);
  app
    .getHttpAdapter()
    .getInstance()
    .addHook('onRequest', (_request, reply, done) => {
      for (const [name, value] of headers) reply.raw.setHeader(name, value);
      done();
    });
  if (config.http.corsOrigins.length > 0) {
    app.enableCors({
      origin: [...config.http.corsOrigins],
      methods: ['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE'],
      allowedHeaders: ['authorization', 'content-type', 'x-request-id'],
      exposedHeaders: ['x-request-id', 'retry-after', 'www-authenticate'],
      maxAge: 600,
    });
  }
}
