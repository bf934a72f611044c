export { ProbeHandler, PROBE_PATHS } from './http/probe.handler';
export type { ProbeHandlerOptions, ProbeResponse, Readiness, ReadinessCheck } from './http/probe.handler';
export { ProbeServer } from './http/probe.server';
export type { ProbeServerOptions } from './http/probe.server';
export { AppLogger } from './logging/app.logger';
export { PINO_LEVELS, toPinoLevel } from './logging/log-level';
export type { LogLevel, PinoLevel } from './logging/log-level';
export { LoggingModule } from './logging/logging.module';
export { REDACT_CONTAINERS, REDACT_KEYS, redactPaths } from './logging/redact.paths';
export { REQUEST_ID_HEADER, RequestIdMiddleware, requestIdMiddleware, requestIdOf } from './logging/request-id.middleware';
export { currentRequestActor, currentRequestId, runWithRequestId, setRequestActor } from './logging/request.context';
export type { RequestActor, RequestContext } from './logging/request.context';
export { forgetSecretValue, redactText, registerSecretValue } from './logging/secret-values';
export { CLIENT_CLOSED_STATUS, HttpMetricsMiddleware, httpMetricsMiddleware, routePattern } from './metrics/http-metrics.middleware';
export type { TimedRequest } from './metrics/http-metrics.middleware';
export { EventLoopLagMonitor } from './metrics/event-loop-lag.monitor';
export type { EventLoopLagMonitorOptions } from './metrics/event-loop-lag.monitor';
export { LabelValueGuard } from './metrics/label-value.guard';
export type { LabelValueGuardOptions } from './metrics/label-value.guard';
export {
  BACKGROUND_ERROR_SOURCES,
  DEVICE_GUARDS,
  DEVICE_GUARD_EVENTS,
  HTTP_METHODS,
  JOB_END_STATUSES,
  KEEPALIVE_RESULTS,
  QUEUE_FAMILIES,
  QUEUE_STATES,
  QUEUE_STRATEGIES,
  SSH_FAILURE_REASONS,
  UNMATCHED_ROUTE,
  WEBHOOK_RESULTS,
  queueDepthSamples,
} from './metrics/metric.labels';
export type {
  BackgroundErrorSource,
  DeviceGuardEvent,
  DeviceGuardName,
  JobEndStatus,
  KeepaliveResult,
  NodeCapacitySample,
  QueueDepthSample,
  QueueFamily,
  QueueState,
  QueueStrategyLabel,
  SshFailureReason,
  WebhookResult,
} from './metrics/metric.labels';
export { MetricsModule } from './metrics/metrics.module';
export { METRIC_PREFIX, NetpulseMetrics } from './metrics/netpulse.metrics';
export type { NetpulseMetricsOptions, NodeCapacitySource, QueueDepthSource } from './metrics/netpulse.metrics';
export { sshFailureReason } from './metrics/ssh-failure.classifier';
export { backgroundFailure, installProcessErrorPolicy } from './process/background-errors';
