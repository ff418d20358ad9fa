import { Injectable } from '@nestjs/common';
import { InjectMetric, makeCounterProvider, makeGaugeProvider } from '@willsoto/nestjs-prometheus';
import type { Counter, Gauge } from 'prom-client';

const ACTIVE = 'kici_ws_connections_active';
const CONNECTIONS = 'kici_ws_connections_total';
const RECEIVED = 'kici_ws_messages_received_total';
const SENT = 'kici_ws_messages_sent_total';

export const gatewayMetricProviders = [
  makeGaugeProvider({ name: ACTIVE, help: 'Authenticated orchestrator WebSocket sessions on this replica.' }),
  makeCounterProvider({ name: CONNECTIONS, help: 'Orchestrator WebSocket sessions by outcome.', labelNames: ['status'] }),
  makeCounterProvider({ name: RECEIVED, help: 'Frames received from orchestrators, by type.', labelNames: ['type'] }),
  makeCounterProvider({ name: SENT, help: 'Frames sent to orchestrators, by type.', labelNames: ['type'] }),
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
  ) {}

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
