import { DynamicModule, INestApplicationContext, Module, Provider, Type } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { AppConfigValue, ConfigModule } from '@netpulse/config';
import { CredentialsModule } from '@netpulse/credentials';
import { DriversModule } from '@netpulse/drivers';
import { AppLogger, LoggingModule, MetricsModule, NetpulseMetrics, ProbeServer, backgroundFailure, installProcessErrorPolicy } from '@netpulse/observability';
import { DriverRegistry } from '@netpulse/drivers';
import { LoadedPlugins, PluginsModule } from '@netpulse/plugins';
import { NetPolicyModule } from '@netpulse/net-policy';
import { TemplatesModule } from '@netpulse/templates';
import { WebhooksModule } from '@netpulse/webhooks';
import { REDIS, type RedisClient, StateModule, assertSecretKeyPolicy } from '@netpulse/state';
import { WorkerReadiness } from './worker-readiness';
import { ExecutionModule } from '../execution.module';
import { ProcessExit } from './process-exit';
import { WebhookConsumer } from './webhook.consumer';

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
 * A worker role's entry point: its consumers start here, called by `startWorkerApp` once the probe
 * server answers and the signal handlers are in place (never from a Nest lifecycle hook, which runs
 * while the app is still being created).
 */
export interface WorkerRole {
  start(): Promise<void>;
}

/**
 * Starts a worker process role (no HTTP API): the shared modules plus the role's own providers, the
 * first of which is the role (`WorkerRole`). Order: the process error policy, the app (no consumer
 * yet), the probe server (`/readyz` says "starting"), the SIGTERM/SIGINT drain, then the role's
 * consumers. `onExit` runs after a `shutdown` command has drained the app.
 */
export async function startWorkerApp(role: string, config: AppConfigValue, providers: [Type<WorkerRole>, ...Provider[]], onExit: () => void): Promise<INestApplicationContext> {
  assertSecretKeyPolicy(config);
  const app = await NestFactory.createApplicationContext(WorkerRootModule.forRoot(role, config, providers), { bufferLogs: true });
  const logger = app.get(AppLogger);
  app.useLogger(logger);
  const metrics = app.get(NetpulseMetrics);
  installProcessErrorPolicy(logger, metrics);
  for (const line of app.get(LoadedPlugins).summary()) logger.event('info', line);
  metrics.allowDrivers(app.get(DriverRegistry).names());
  const readiness = app.get(WorkerReadiness);
  const redis = app.get<RedisClient>(REDIS);
  // `/metrics`, `/livez`, `/readyz` on `metrics.host`:`metrics.port` (workers have no API server); none when unset.
  const probes =
    config.metrics.port === null
      ? null
      : new ProbeServer({
          port: config.metrics.port,
          host: config.metrics.host,
          maxEventLoopLag: config.metrics.max_event_loop_lag,
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
  let closing: Promise<void> | null = null;
  const close = (): Promise<void> =>
    (closing ??= (async () => {
      readiness.set(false, 'shutting down');
      await app.close();
      await probes?.close();
    })());
  const closeThen = (then: () => void) => (): void =>
    void close()
      .catch(backgroundFailure(logger, metrics, 'control_loop', 'worker did not shut down cleanly'))
      .finally(then);
  // Drain on SIGTERM/SIGINT (stop taking work, finish what runs, release), then exit 0: a clean stop is not a crash.
  for (const sig of ['SIGTERM', 'SIGINT'] as const) process.once(sig, closeThen(() => process.exit()));
  app.get(ProcessExit).onRequest(closeThen(onExit));
  app.get(WebhookConsumer).start();
  await app.get(providers[0]).start();
  return app;
}
