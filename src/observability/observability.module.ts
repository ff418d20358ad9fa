import { Module } from '@nestjs/common';
import { PrometheusModule } from '@willsoto/nestjs-prometheus';
import { register } from 'prom-client';
import { HealthController } from './health.controller.js';
import { HttpMetrics, httpMetricProviders } from './http-metrics.js';
import { MetricsController } from './metrics.controller.js';

/**
 * prom-client keeps one process-wide registry; default metrics may be registered only once per process
 * (tests boot several apps in one process).
 */
const defaultMetricsAlreadyRegistered = (): boolean => register.getSingleMetric('process_cpu_user_seconds_total') !== undefined;

/** Probes (`/health`, `/ready`) and Prometheus metrics (`/metrics`), including the HTTP request series. */
@Module({
  imports: [
    PrometheusModule.register({
      controller: MetricsController,
      path: '/metrics',
      defaultMetrics: { enabled: !defaultMetricsAlreadyRegistered() },
    }),
  ],
  controllers: [HealthController],
  providers: [...httpMetricProviders, HttpMetrics],
  exports: [HttpMetrics],
})
export class ObservabilityModule {}
