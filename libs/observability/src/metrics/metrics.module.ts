import { DynamicModule, Global, Module } from '@nestjs/common';
import { HttpMetricsMiddleware } from './http-metrics.middleware';
import { NetpulseMetrics, NetpulseMetricsOptions } from './netpulse.metrics';

/**
 * Provides the process's single `NetpulseMetrics` (and its Nest middleware). Global, so the execution,
 * drivers and webhook code of any app can inject the same instance without re-importing the module.
 */
@Global()
@Module({})
export class MetricsModule {
  static forRoot(app: string, options: NetpulseMetricsOptions = {}): DynamicModule {
    return {
      module: MetricsModule,
      providers: [HttpMetricsMiddleware, { provide: NetpulseMetrics, useValue: new NetpulseMetrics(app, options) }],
      exports: [HttpMetricsMiddleware, NetpulseMetrics],
    };
  }
}
