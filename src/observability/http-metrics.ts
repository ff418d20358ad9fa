import { Injectable } from '@nestjs/common';
import { InjectMetric, makeCounterProvider, makeHistogramProvider } from '@willsoto/nestjs-prometheus';
import type { Counter, Histogram } from 'prom-client';

const REQUESTS = 'kici_http_requests_total';
const DURATION = 'kici_http_request_duration_seconds';
const LABELS = ['method', 'route', 'status'] as const;

/** Route label for requests that matched no route: one series for all of them, not one per URL. */
export const UNMATCHED_ROUTE = 'unmatched';

export const httpMetricProviders = [
  makeCounterProvider({ name: REQUESTS, help: 'HTTP requests served, by method, route template and status.', labelNames: LABELS }),
  makeHistogramProvider({
    name: DURATION,
    help: 'Time from request received to response sent, by method, route template and status.',
    labelNames: LABELS,
    buckets: [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
  }),
];

/** Records each HTTP response; labels use the route template (`/api/v1/orgs/:orgId`), never the raw URL. */
@Injectable()
export class HttpMetrics {
  constructor(
    @InjectMetric(REQUESTS) private readonly requests: Counter<(typeof LABELS)[number]>,
    @InjectMetric(DURATION) private readonly duration: Histogram<(typeof LABELS)[number]>,
  ) {}

  record(method: string, route: string | undefined, status: number, seconds: number): void {
    const labels = { method, route: route ?? UNMATCHED_ROUTE, status: String(status) };
    this.requests.inc(labels);
    this.duration.observe(labels, seconds);
  }
}
