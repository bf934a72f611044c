import { DynamicModule, INestApplicationContext, Module, Provider } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { AppConfigValue, ConfigModule } from '@netpulse/config';
import { CredentialsModule } from '@netpulse/credentials';
import { DriversModule } from '@netpulse/drivers';
import { AppLogger, LoggingModule, MetricsModule, NetpulseMetrics, ProbeServer } from '@netpulse/observability';
import { DriverRegistry } from '@netpulse/drivers';
import { LoadedPlugins, PluginsModule } from '@netpulse/plugins';
import { NetPolicyModule } from '@netpulse/net-policy';
import { TemplatesModule } from '@netpulse/templates';
import { WebhooksModule } from '@netpulse/webhooks';
import { REDIS, StateModule } from '@netpulse/state';
import type Redis from 'ioredis';
import { WorkerReadiness } from './worker-readiness';
import { ExecutionModule } from '../execution.module';
import { ProcessExit } from './process-exit';

@Module({})
class WorkerRootModule {
  static forRoot(role: string, config: AppConfigValue, providers: Provider[]): DynamicModule {
    return {
      module: WorkerRootModule,
      imports: [ConfigModule.forRoot(config), LoggingModule.forRoot(role), MetricsModule.forRoot(role), StateModule.forRoot(), CredentialsModule, DriversModule, PluginsModule.forRoot(), NetPolicyModule, TemplatesModule, WebhooksModule, ExecutionModule],
      providers,
    };
  }
}

/**
 * Starts a worker process role (no HTTP API): the shared modules plus the role's own providers.
 * `onExit` runs after a `shutdown` command has drained the app.
 */
export async function startWorkerApp(role: string, config: AppConfigValue, providers: Provider[], onExit: () => void): Promise<INestApplicationContext> {
  const app = await NestFactory.createApplicationContext(WorkerRootModule.forRoot(role, config, providers), { bufferLogs: true });
  const logger = app.get(AppLogger);
  app.useLogger(logger);
  for (const line of app.get(LoadedPlugins).summary()) logger.event('info', line);
  const metrics = app.get(NetpulseMetrics);
  metrics.allowDrivers(app.get(DriverRegistry).names());
  const readiness = app.get(WorkerReadiness);
  const redis = app.get<Redis>(REDIS);
  // `/metrics`, `/livez`, `/readyz` on `metrics.host`:`metrics.port` (workers have no API server); none when unset.
  const probes =
    config.metrics.port === null
      ? null
      : new ProbeServer({
          port: config.metrics.port,
          host: config.metrics.host,
          metrics,
          ready: () => {
            const r = readiness.state();
            if (!r.consuming) return { ready: false, reason: r.reason };
            return redis.status === 'ready' ? true : { ready: false, reason: `redis: ${redis.status}` };
          },
        });
  if (probes) {
    const addr = await probes.listen();
    logger.event('info', 'probe server listening', { host: addr.address, port: addr.port });
  }
  const close = async (): Promise<void> => {
    readiness.set(false, 'shutting down');
    await app.close();
    await probes?.close();
  };
  // Drain on SIGTERM/SIGINT (stop taking work, finish what runs, release), then exit 0: a clean stop is not a crash.
  for (const sig of ['SIGTERM', 'SIGINT'] as const) process.once(sig, () => void close().then(() => process.exit()));
  app.get(ProcessExit).onRequest(() => void close().then(onExit));
  await app.init();
  return app;
}
