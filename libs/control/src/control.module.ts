import { Module } from '@nestjs/common';
import { AUDIT_TRAIL_PROVIDER, DEAD_WORKER_JOBS_PROVIDER, JOB_END_NOTIFIER_PROVIDER } from '@netpulse/execution';
import { BulkDispatcher } from './admission/bulk-dispatcher.service';
import { ConnectionTester } from './admission/connection-tester.service';
import { ExecRequestParser } from './admission/exec-request.parser';
import { IdempotencyService } from './admission/idempotency.service';
import { JobDispatcher } from './admission/job-dispatcher.service';
import { OutboundTargetsCheck } from './admission/outbound-targets.check';
import { DetachedDiscoveryService } from './detached/detached-discovery.service';
import { DetachedEventSink } from './detached/detached-event.sink';
import { DetachedJobClient } from './detached/detached-job.client';
import { DetachedLaunchRegistrar } from './detached/detached-launch.registrar';
import { DetachedOutputFollower } from './detached/detached-output.follower';
import { DetachedTaskService } from './detached/detached-task.service';
import { DetachedSupervisor } from './detached/detached.supervisor';
import { WebhookDetachedEventSink } from './detached/webhook-detached-event.sink';
import { JobAdminService } from './jobs/job-admin.service';
import { JobWaitService } from './jobs/job-wait.service';
import { NodePlacementService } from './placement/node-placement.service';
import { StagedFilesStore } from './storage/staged-files.store';
import { StagingRetentionService } from './storage/staging-retention.service';
import { SweeperService } from './sweepers/sweeper.service';
import { QueueDepthReporter } from './system/queue-depth.reporter';
import { SystemStatsService } from './system/system-stats.service';
import { WorkerAdminService } from './workers/worker-admin.service';

/**
 * The controller's domain: admission of jobs (parse, vet, idempotency, place, enqueue), the
 * leader-only background duties (sweeper, detached-task supervisor, staging retention), job and
 * worker administration and the system numbers. Shared modules (config, logging, metrics, state,
 * drivers, templates, webhooks, credentials, schedulers) come from the app's root module.
 */
@Module({
  providers: [
    AUDIT_TRAIL_PROVIDER,
    BulkDispatcher,
    ConnectionTester,
    DEAD_WORKER_JOBS_PROVIDER,
    DetachedDiscoveryService,
    { provide: DetachedEventSink, useClass: WebhookDetachedEventSink },
    DetachedJobClient,
    DetachedLaunchRegistrar,
    DetachedOutputFollower,
    DetachedSupervisor,
    DetachedTaskService,
    ExecRequestParser,
    IdempotencyService,
    JOB_END_NOTIFIER_PROVIDER,
    JobAdminService,
    JobDispatcher,
    JobWaitService,
    NodePlacementService,
    OutboundTargetsCheck,
    QueueDepthReporter,
    StagedFilesStore,
    StagingRetentionService,
    SweeperService,
    SystemStatsService,
    WorkerAdminService,
  ],
  exports: [
    BulkDispatcher,
    ConnectionTester,
    DetachedDiscoveryService,
    DetachedOutputFollower,
    DetachedTaskService,
    ExecRequestParser,
    IdempotencyService,
    JobAdminService,
    JobDispatcher,
    JobWaitService,
    QueueDepthReporter,
    StagedFilesStore,
    SystemStatsService,
    WorkerAdminService,
  ],
})
export class ControlModule {}
