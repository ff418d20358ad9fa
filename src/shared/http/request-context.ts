import { AsyncLocalStorage } from 'node:async_hooks';

/** Facts about the HTTP request (or socket message) being served, available to any code it calls. */
export interface RequestContext {
  readonly requestId: string;
  readonly ip: string | null;
  readonly userAgent: string | null;
  /** The cluster a per-orchestrator URL (`…/orchestrators/:clusterName/…`) addressed; null otherwise. */
  readonly cluster?: string | null;
}

const storage = new AsyncLocalStorage<RequestContext>();

/** Runs `work` with `context` as the current request context. */
export function runWithRequestContext<T>(context: RequestContext, work: () => T): T {
  return storage.run(context, work);
}

/** The context of the request being served, or undefined outside one (start-up, background jobs). */
export function currentRequestContext(): RequestContext | undefined {
  return storage.getStore();
}
