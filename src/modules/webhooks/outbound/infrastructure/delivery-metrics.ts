import { Injectable } from '@nestjs/common';
import { InjectMetric, makeCounterProvider } from '@willsoto/nestjs-prometheus';
import type { Counter } from 'prom-client';

const ATTEMPTS = 'kici_outbound_webhook_attempts_total';
const SETTLED = 'kici_outbound_webhook_deliveries_total';

export const deliveryMetricProviders = [
  makeCounterProvider({ name: ATTEMPTS, help: 'Outbound webhook delivery attempts, by outcome (success, failure).', labelNames: ['outcome'] }),
  makeCounterProvider({ name: SETTLED, help: 'Outbound webhook deliveries that settled, by outcome (delivered, dead).', labelNames: ['outcome'] }),
];

@Injectable()
export class DeliveryMetrics {
  constructor(
    @InjectMetric(ATTEMPTS) private readonly attempts: Counter<'outcome'>,
    @InjectMetric(SETTLED) private readonly settled: Counter<'outcome'>,
  ) {}

  attempted(outcome: 'success' | 'failure'): void {
    this.attempts.inc({ outcome });
  }

  finished(outcome: 'delivered' | 'dead'): void {
    this.settled.inc({ outcome });
  }
}
