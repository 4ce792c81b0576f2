import { type DynamicModule, Module } from '@nestjs/common';
import { Metrics } from '@rosetta/runtime';
import { MetricsController } from './metrics.controller.js';

/**
 * Prometheus metrics, imported only when METRICS_ENABLED: without it there is no `/metrics` route,
 * and the path is a 404 like any unknown one. Requests are timed by record-metrics.ts, which each
 * platform mounts before Nest (see app.ts).
 */
@Module({})
export class MetricsModule {
  static forRoot(metrics: Metrics): DynamicModule {
    return {
      module: MetricsModule,
      controllers: [MetricsController],
      providers: [{ provide: Metrics, useValue: metrics }],
    };
  }
}
