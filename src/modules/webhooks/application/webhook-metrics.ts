import { Injectable } from '@nestjs/common';
import { InjectMetric, makeCounterProvider, makeHistogramProvider } from '@willsoto/nestjs-prometheus';
import type { Counter, Histogram } from 'prom-client';

const DELIVERIES = 'kici_webhook_deliveries_total';
const DURATION = 'kici_webhook_relay_duration_seconds';
const ATTEMPTS = 'kici_webhook_relay_attempts_total';
const SIGNATURE_FAILURES = 'kici_webhook_signature_failures_total';

export const webhookMetricProviders = [
  makeCounterProvider({ name: DELIVERIES, help: 'Inbound webhook deliveries by provider and outcome.', labelNames: ['provider', 'outcome'] }),
  makeHistogramProvider({
    name: DURATION,
    help: 'Time from receiving an inbound webhook to answering the provider, by outcome.',
    labelNames: ['outcome'],
    buckets: [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30],
  }),
  makeCounterProvider({ name: ATTEMPTS, help: 'Relay attempts to one orchestrator connection, by how they ended.', labelNames: ['result'] }),
  makeCounterProvider({ name: SIGNATURE_FAILURES, help: 'Inbound webhooks the orchestrator rejected for their signature.', labelNames: ['source'] }),
];

@Injectable()
export class WebhookMetrics {
  constructor(
    @InjectMetric(DELIVERIES) private readonly deliveries: Counter<'provider' | 'outcome'>,
    @InjectMetric(DURATION) private readonly duration: Histogram<'outcome'>,
    @InjectMetric(ATTEMPTS) private readonly attempts: Counter<'result'>,
    @InjectMetric(SIGNATURE_FAILURES) private readonly signatureFailures: Counter<'source'>,
  ) {}

  /** `outcome`: the event-log status, or why the delivery never reached routing (`unknown_source`, `busy`, `duplicate`). */
  delivered(provider: string, outcome: string, seconds: number): void {
    this.deliveries.inc({ provider, outcome });
    this.duration.observe({ outcome }, seconds);
    if (outcome === 'rejected_signature') this.signatureFailures.inc({ source: provider });
  }

  attempt(result: string): void {
    this.attempts.inc({ result });
  }
}
