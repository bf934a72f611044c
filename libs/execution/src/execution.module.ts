import { Global, Module } from '@nestjs/common';
import { AppConfig } from '@netpulse/config';
import { DriverRegistry } from '@netpulse/drivers';
import { AppLogger } from '@netpulse/observability';
import { DeviceProtectionStore, JobStore, RedisConnectionFactory, SecretBox, StateKeys, WorkerRegistry } from '@netpulse/state';
import { DeviceGuard } from './sessions/device.guard';
import { DeviceJobProcessor } from './jobs/device-job.processor';
import { JobRunner } from './jobs/job.runner';
import { ProcessExit } from './workers/process-exit';
import { WorkerPresence } from './workers/worker-presence';

/** The worker side shared by fifo-worker and node-worker: the job pipeline and the worker's presence. */
@Global()
@Module({
  providers: [
    ProcessExit,
    { provide: DeviceGuard, inject: [DeviceProtectionStore, AppConfig], useFactory: (s: DeviceProtectionStore, c: AppConfig) => new DeviceGuard(s, c.value.protection) },
    { provide: JobRunner, inject: [DriverRegistry, AppConfig], useFactory: (d: DriverRegistry, c: AppConfig) => new JobRunner(d, c.value.job.max_output_bytes) },
    {
      provide: DeviceJobProcessor,
      inject: [JobStore, SecretBox, JobRunner, AppLogger],
      useFactory: (j: JobStore, b: SecretBox, r: JobRunner, l: AppLogger) => new DeviceJobProcessor(j, b, r, l),
    },
    {
      provide: WorkerPresence,
      inject: [WorkerRegistry, RedisConnectionFactory, StateKeys, AppLogger, AppConfig],
      useFactory: (w: WorkerRegistry, f: RedisConnectionFactory, k: StateKeys, l: AppLogger, c: AppConfig) => new WorkerPresence(w, f, k, l, c.value.worker.heartbeat_interval * 1000),
    },
  ],
  exports: [DeviceGuard, DeviceJobProcessor, JobRunner, ProcessExit, WorkerPresence],
})
export class ExecutionModule {}
