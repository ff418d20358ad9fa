import { Module } from '@nestjs/common';
import { PrometheusModule } from '@willsoto/nestjs-prometheus';
import { register } from 'prom-client';
import { HealthController } from './health.controller.js';
import { HttpMetrics, httpMetricProviders } from './http-metrics.js';
import { MetricsController } from './metrics.controller.js';
import { OpenApiController } from './openapi/openapi.controller.js';
import { OpenApiDocumentStore } from './openapi/openapi-document.store.js';

/**
 * prom-client keeps one process-wide registry; default metrics may be registered only once per process
 * (tests boot several apps in one process).
 */
const defaultMetricsAlreadyRegistered = (): boolean => register.getSingleMetric('process_cpu_user_seconds_total') !== undefined;

/** Probes (`/health`, `/ready`), Prometheus metrics (`/metrics`), including the HTTP request series, and the OpenAPI document. */
@Module({
  imports: [
    PrometheusModule.register({
      controller: MetricsController,
      path: '/metrics',
      defaultMetrics: { enabled: !defaultMetricsAlreadyRegistered() },
    }),
  ],
  controllers: [HealthController, OpenApiController],
  providers: [...httpMetricProviders, HttpMetrics, OpenApiDocumentStore],
  exports: [HttpMetrics, OpenApiDocumentStore],
})
export class ObservabilityModule {}
