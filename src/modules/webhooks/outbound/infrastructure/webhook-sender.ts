import { lookup as dnsLookup, type LookupAddress } from 'node:dns';
import http from 'node:http';
import https from 'node:https';
import { isIP, type LookupFunction } from 'node:net';
import { isForbiddenAddress, isForbiddenHostName } from '../domain/target-address-policy.js';

/** Receivers' answers are kept only this far. */
export const MAX_RESPONSE_BYTES = 4096;

export interface SendRequest {
  readonly url: string;
  readonly headers: Readonly<Record<string, string>>;
  readonly body: string;
  readonly timeoutMs: number;
  readonly allowPrivateTargets: boolean;
}

/** What an attempt got: a status (any, redirects included) and up to 4 KiB of body, or why there was none. */
export interface SendOutcome {
  readonly status: number | null;
  readonly body: string | null;
  readonly error: string | null;
}

const FORBIDDEN_TARGET = 'Target resolves to a forbidden address (loopback, private, link-local…)';

/**
 * A DNS lookup that resolves every address of the name, refuses the whole name if any of them is
 * forbidden, and hands the socket exactly the checked addresses: the connection goes where the check
 * looked, so a name that re-resolves to 127.0.0.1 a moment later (DNS rebinding) gains nothing.
 */
function guardedLookup(allowPrivateTargets: boolean): LookupFunction {
  return (hostname, options, callback) => {
    dnsLookup(hostname, { all: true, family: options.family, hints: options.hints }, (error, addresses: LookupAddress[]) => {
      if (error) return callback(error, '', 0);
      if (!allowPrivateTargets && addresses.some((entry) => isForbiddenAddress(entry.address))) {
        return callback(Object.assign(new Error(FORBIDDEN_TARGET), { code: 'EFORBIDDENTARGET' }), '', 0);
      }
      if (addresses.length === 0) return callback(Object.assign(new Error(`${hostname} has no address`), { code: 'ENOTFOUND' }), '', 0);
      if (options.all) return (callback as unknown as (error: null, addresses: LookupAddress[]) => void)(null, addresses);
      return callback(null, addresses[0]!.address, addresses[0]!.family);
    });
  };
}

/**
 * One POST to a receiver over node:http(s): no redirects followed (a 3xx is just a failed attempt), a
 * bounded total time, the answer read to at most 4 KiB, and every address checked before connecting.
 */
export function sendWebhook(request: SendRequest): Promise<SendOutcome> {
  const target = new URL(request.url);
  const literal = target.hostname.replace(/^\[(.*)\]$/, '$1');
  // Node connects to IP literals without a lookup: check them here.
  if (!request.allowPrivateTargets && ((isIP(literal) && isForbiddenAddress(literal)) || isForbiddenHostName(literal))) {
    return Promise.resolve({ status: null, body: null, error: FORBIDDEN_TARGET });
  }
  const client = target.protocol === 'https:' ? https : http;
  return new Promise<SendOutcome>((resolve) => {
    let settled = false;
    const finish = (outcome: SendOutcome): void => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      resolve(outcome);
    };
    const outgoing = client.request(
      target,
      {
        method: 'POST',
        headers: { ...request.headers, 'content-length': String(Buffer.byteLength(request.body)) },
        lookup: guardedLookup(request.allowPrivateTargets),
        agent: false,
      },
      (response) => {
        const chunks: Buffer[] = [];
        let size = 0;
        const done = (): void => {
          const body = Buffer.concat(chunks).subarray(0, MAX_RESPONSE_BYTES).toString('utf8');
          finish({ status: response.statusCode ?? null, body, error: null });
          response.destroy();
        };
        response.on('data', (chunk: Buffer) => {
          chunks.push(chunk);
          size += chunk.length;
          if (size >= MAX_RESPONSE_BYTES) done();
        });
        response.on('end', done);
        response.on('error', done);
      },
    );
    const timer = setTimeout(() => {
      finish({ status: null, body: null, error: `Timed out after ${request.timeoutMs} ms` });
      outgoing.destroy();
    }, request.timeoutMs);
    outgoing.on('error', (error: NodeJS.ErrnoException) => {
      finish({ status: null, body: null, error: error.code === 'EFORBIDDENTARGET' ? FORBIDDEN_TARGET : `${error.code ?? 'ERROR'}: ${error.message}`.slice(0, 500) });
    });
    outgoing.end(request.body);
  });
}
