import { DynamicModule, Module } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { AppConfigValue, ConfigModule } from '@netpulse/config';
import { CredentialsModule } from '@netpulse/credentials';
import { DriverRegistry, DriversModule } from '@netpulse/drivers';
import { AppLogger, LoggingModule, MetricsModule, NetpulseMetrics, ProbeHandler, backgroundFailure, httpMetricsMiddleware, installProcessErrorPolicy, requestIdMiddleware } from '@netpulse/observability';
import { LoadedPlugins, PluginsModule } from '@netpulse/plugins';
import { SchedulersModule } from '@netpulse/schedulers';
import { RedisProbe, StateModule, assertSecretKeyPolicy } from '@netpulse/state';
import { NetPolicyModule } from '@netpulse/net-policy';
import { TemplatesModule } from '@netpulse/templates';
import { WebhooksModule } from '@netpulse/webhooks';
import { QueueDepthReporter } from '@netpulse/control';
import express from 'express';
import { ControllerModule } from './controller.module';
import { ApiExceptionFilter } from './http/api-exception.filter';
import { isMultipart, jsonBody } from './http/json-body.middleware';
import { LeanExpressAdapter } from './http/lean-express.adapter';

@Module({})
class RootModule {
  static forRoot(config: AppConfigValue): DynamicModule {
    return { module: RootModule, imports: [ConfigModule.forRoot(config), LoggingModule.forRoot('controller'), MetricsModule.forRoot('controller'), StateModule.forRoot(), CredentialsModule, DriversModule, SchedulersModule, PluginsModule.forRoot(), NetPolicyModule, TemplatesModule, WebhooksModule, ControllerModule] };
  }
}

/** Builds and starts the controller; resolves once it listens. */
export async function startController(config: AppConfigValue): Promise<NestExpressApplication> {
  const s = config.server;
  if (!s.api_key && s.api_keys.length === 0 && !s.api_keys_file) {
    throw new Error('an API key is required: server.api_key (set NETPULSE_SERVER__API_KEY), server.api_keys or server.api_keys_file');
  }
  assertSecretKeyPolicy(config);
  const app = await NestFactory.create<NestExpressApplication>(RootModule.forRoot(config), new LeanExpressAdapter(), { bodyParser: false, bufferLogs: true });
  const logger = app.get(AppLogger);
  app.useLogger(logger);
  app.disable('x-powered-by');
  app.set('etag', false);
  app.set('query parser', 'simple');
  for (const line of app.get(LoadedPlugins).summary()) logger.event('info', line);
  const metrics = app.get(NetpulseMetrics);
  installProcessErrorPolicy(logger, metrics);
  metrics.allowDrivers(app.get(DriverRegistry).names());
  metrics.setQueueDepthSource(() => app.get(QueueDepthReporter).samples());
  const redis = app.get(RedisProbe);
  // Order matters: metrics first (so 413s and 404s count), then the request id (so every answer carries
  // one), then the open probes, then the body reader.
  app.use(httpMetricsMiddleware(metrics));
  app.use(requestIdMiddleware());
  app.use(
    new ProbeHandler({
      eventLoop: metrics.eventLoop,
      maxEventLoopLag: config.metrics.max_event_loop_lag,
      metrics: config.metrics.require_api_key ? undefined : metrics,
      ready: () => redis.ready(),
    }).middleware(),
  );
  const readBody = express.raw({ type: (req) => !isMultipart(req as express.Request), limit: config.server.body_limit });
  // Body-reading errors (too large, aborted) are answered here: express middleware errors never reach Nest's filters.
  app.use((req: express.Request, res: express.Response, next: express.NextFunction) => {
    // No body announced (a GET, most DELETEs): nothing for the reader to read, as it would find itself.
    if (req.headers['content-length'] === undefined && req.headers['transfer-encoding'] === undefined) {
      req.body = undefined;
      return jsonBody(req, res, next);
    }
    readBody(req, res, (err?: unknown) => {
      if (!err) return jsonBody(req, res, next);
      const e = err as { status?: number; type?: string; message?: string };
      if (e.type === 'entity.too.large') return res.status(413).json({ detail: `Request body is larger than server.body_limit (${config.server.body_limit} bytes)` });
      return res.status(e.status && e.status < 500 ? e.status : 400).json({ detail: `Could not read the request body: ${e.message ?? 'unknown error'}` });
    });
  });
  app.useGlobalFilters(new ApiExceptionFilter(logger, config.server.body_limit));
  // Drain on SIGTERM/SIGINT (stop taking work, finish what runs, release), then exit 0: a clean stop is not a crash.
  for (const sig of ['SIGTERM', 'SIGINT'] as const)
    process.once(sig, () =>
      void app
        .close()
        .catch(backgroundFailure(logger, metrics, 'control_loop', 'controller did not shut down cleanly'))
        .finally(() => process.exit()),
    );
  // Clients and load balancers keep connections open between requests: closing an idle one after
  // Node's default 5 s races the client's next request on it ("other side closed").
  const server = app.getHttpServer() as import('node:http').Server;
  server.keepAliveTimeout = 65_000;
  server.headersTimeout = 66_000;
  await app.listen(config.server.port, config.server.host);
  logger.event('info', 'controller listening', { host: config.server.host, port: config.server.port, namespace: config.redis.namespace, redis: config.redis.cluster.enabled ? 'cluster' : config.redis.sentinel.enabled ? 'sentinel' : 'server' });
  return app;
}
