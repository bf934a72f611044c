import { Global, Module } from '@nestjs/common';
import { AppConfig } from '@netpulse/config';
import { CredentialResolver } from '@netpulse/credentials';
import { DriverRegistry } from '@netpulse/drivers';
import { AppLogger, NetpulseMetrics } from '@netpulse/observability';
import { AllowedTargetsPolicy } from '@netpulse/net-policy';
import { TemplateEngines } from '@netpulse/templates';
import { DetachedTaskStore, DeviceProtectionStore, JobStore, RedisConnectionFactory, RedisHostKeyStore, SecretBox, StateKeys, WorkerRegistry } from '@netpulse/state';
import { AUDIT_TRAIL_PROVIDER } from './audit/audit.trail';
import { DetachedGarbageCollector } from './detached/detached-garbage.collector';
import { SessionOperationRegistry } from './jobs/session-operation.registry';
import { SESSION_OPERATIONS_PROVIDER } from './jobs/session-operations.provider';
import { DeviceGuard } from './sessions/device.guard';
import { DeviceJobProcessor } from './jobs/device-job.processor';
import { JOB_END_NOTIFIER_PROVIDER, JobEndNotifier } from './jobs/job-end.notifier';
import { JobRunner } from './jobs/job.runner';
import { DEAD_WORKER_JOBS_PROVIDER, DeadWorkerJobs } from './workers/dead-worker.jobs';
import { ProcessExit } from './workers/process-exit';
import { WebhookConsumer } from './workers/webhook.consumer';
import { WorkerReadiness } from './workers/worker-readiness';
import { WorkerPresence } from './workers/worker-presence';

/** The worker side shared by fifo-worker and node-worker: the job pipeline and the worker's presence. */
@Global()
@Module({
  providers: [
    ProcessExit,
    WebhookConsumer,
    WorkerReadiness,
    { provide: DetachedGarbageCollector, inject: [DetachedTaskStore, AppLogger], useFactory: (t: DetachedTaskStore, l: AppLogger) => new DetachedGarbageCollector(t, l) },
    {
      provide: DeviceGuard,
      inject: [DeviceProtectionStore, AppConfig, RedisHostKeyStore, AppLogger, DetachedGarbageCollector, NetpulseMetrics, AllowedTargetsPolicy],
      useFactory: (s: DeviceProtectionStore, c: AppConfig, hostKeys: RedisHostKeyStore, l: AppLogger, gc: DetachedGarbageCollector, m: NetpulseMetrics, t: AllowedTargetsPolicy) =>
        new DeviceGuard(s, c.value.protection, { hostKeys, onHostKeyWarning: (message) => l.event('warn', message), keyRoot: c.value.security.key_root }, (session, args) => gc.afterConnect(session, args)).useMetrics(m).useTargets(t),
    },
    SESSION_OPERATIONS_PROVIDER,
    {
      provide: JobRunner,
      inject: [DriverRegistry, AppConfig, SessionOperationRegistry, TemplateEngines, CredentialResolver],
      useFactory: (d: DriverRegistry, c: AppConfig, ops: SessionOperationRegistry, t: TemplateEngines, cr: CredentialResolver) =>
        new JobRunner(d, c.value.job.max_output_bytes, ops, t, cr),
    },
    AUDIT_TRAIL_PROVIDER,
    JOB_END_NOTIFIER_PROVIDER,
    DEAD_WORKER_JOBS_PROVIDER,
    {
      provide: DeviceJobProcessor,
      inject: [JobStore, SecretBox, JobRunner, AppLogger, NetpulseMetrics, JobEndNotifier],
      useFactory: (j: JobStore, b: SecretBox, r: JobRunner, l: AppLogger, m: NetpulseMetrics, n: JobEndNotifier) => new DeviceJobProcessor(j, b, r, l, m, n),
    },
    {
      provide: WorkerPresence,
      inject: [WorkerRegistry, RedisConnectionFactory, StateKeys, AppLogger, AppConfig, NetpulseMetrics],
      useFactory: (w: WorkerRegistry, f: RedisConnectionFactory, k: StateKeys, l: AppLogger, c: AppConfig, m: NetpulseMetrics) => new WorkerPresence(w, f, k, l, c.value.worker.heartbeat_interval * 1000, m),
    },
  ],
  exports: [WorkerReadiness, DeviceGuard, DeadWorkerJobs, JobEndNotifier, DeviceJobProcessor, JobRunner, ProcessExit, WorkerPresence],
})
export class ExecutionModule {}
