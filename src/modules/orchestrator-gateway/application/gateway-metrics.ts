import { Injectable } from '@nestjs/common';
import { InjectMetric, makeCounterProvider, makeGaugeProvider, makeHistogramProvider } from '@willsoto/nestjs-prometheus';
import type { Counter, Gauge, Histogram } from 'prom-client';

const ACTIVE = 'kici_ws_connections_active';
const CONNECTIONS = 'kici_ws_connections_total';
const RECEIVED = 'kici_ws_messages_received_total';
const SENT = 'kici_ws_messages_sent_total';
const PROXY_DURATION = 'kici_platform_dashboard_proxy_duration_seconds';
const PROXY_REQUESTS = 'kici_platform_dashboard_proxy_requests_total';

export const gatewayMetricProviders = [
  makeGaugeProvider({ name: ACTIVE, help: 'Authenticated orchestrator WebSocket sessions on this replica.' }),
  makeCounterProvider({ name: CONNECTIONS, help: 'Orchestrator WebSocket sessions by outcome.', labelNames: ['status'] }),
  makeCounterProvider({ name: RECEIVED, help: 'Frames received from orchestrators, by type.', labelNames: ['type'] }),
  makeCounterProvider({ name: SENT, help: 'Frames sent to orchestrators, by type.', labelNames: ['type'] }),
  makeHistogramProvider({
    name: PROXY_DURATION,
    help: 'Time from sending a proxied request to an orchestrator to its answer, by outcome.',
    labelNames: ['outcome'],
    buckets: [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
  }),
  makeCounterProvider({ name: PROXY_REQUESTS, help: 'Proxied requests to orchestrators, by outcome.', labelNames: ['outcome'] }),
];

/** Known frame types keep their own series; anything else is counted as `other` (labels must stay few). */
const KNOWN_TYPES = new Set([
  'auth.request',
  'heartbeat',
  'source.register',
  'source.deregister',
  'orch.capabilities.update',
  'execution.status',
  'job.status.forward',
  'step.status.forward',
  'state.replay',
  'execution.event',
  'run.event',
  'job.context',
  'log.chunk',
  'orch.metrics',
  'cache.stats',
  'webhook.ack',
  'auth.success',
  'auth.failure',
  'source.register.ack',
  'source.deregister.ack',
]);

@Injectable()
export class GatewayMetrics {
  constructor(
    @InjectMetric(ACTIVE) private readonly active: Gauge,
    @InjectMetric(CONNECTIONS) private readonly connections: Counter<'status'>,
    @InjectMetric(RECEIVED) private readonly received: Counter<'type'>,
    @InjectMetric(SENT) private readonly sent: Counter<'type'>,
    @InjectMetric(PROXY_DURATION) private readonly proxyDuration: Histogram<'outcome'>,
    @InjectMetric(PROXY_REQUESTS) private readonly proxyRequests: Counter<'outcome'>,
  ) {}

  /** `outcome`: `ok`, or the error code the request ended with. */
  proxied(outcome: string, seconds: number): void {
    this.proxyRequests.inc({ outcome });
    this.proxyDuration.observe({ outcome }, seconds);
  }

  sessionOutcome(status: 'authenticated' | 'rejected' | 'timeout' | 'closed'): void {
    this.connections.inc({ status });
  }

  activeSessions(count: number): void {
    this.active.set(count);
  }

  frameReceived(type: string | null): void {
    this.received.inc({ type: type && (KNOWN_TYPES.has(type) || type.endsWith('.response')) ? (type.endsWith('.response') ? 'response' : type) : 'other' });
  }

  frameSent(type: string): void {
    this.sent.inc({ type: KNOWN_TYPES.has(type) ? type : 'request' });
  }
}
