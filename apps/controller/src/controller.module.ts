import { Module } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import { AUDIT_TRAIL_PROVIDER, DEAD_WORKER_JOBS_PROVIDER, JOB_END_NOTIFIER_PROVIDER } from '@netpulse/execution';
import { AuditController } from './audit/audit.controller';
import { AuditReader } from './audit/audit.reader';
import { BulkDispatcher } from './device/bulk-dispatcher.service';
import { DeviceController } from './device/device.controller';
import { ConnectionTester } from './device/connection-tester.service';
import { DetachedDiscoveryService } from './detached/detached-discovery.service';
import { DetachedEventSink } from './detached/detached-event.sink';
import { DetachedJobClient } from './detached/detached-job.client';
import { DetachedLaunchRegistrar } from './detached/detached-launch.registrar';
import { DetachedOutputFollower } from './detached/detached-output.follower';
import { DetachedTaskService } from './detached/detached-task.service';
import { DetachedTasksController } from './detached/detached-tasks.controller';
import { DetachedSupervisor } from './detached/detached.supervisor';
import { WebhookDetachedEventSink } from './detached/webhook-detached-event.sink';
import { ExecRequestParser } from './device/exec-request.parser';
import { IdempotencyService } from './device/idempotency.service';
import { JobDispatcher } from './device/job-dispatcher.service';
import { MultipartExecReader } from './device/multipart-exec.reader';
import { OutboundTargetsCheck } from './device/outbound-targets.check';
import { ApiKeyGuard } from './http/api-key.guard';
import { ApiKeyring } from './http/api-keyring.service';
import { ClientAddressResolver } from './http/client-address.resolver';
import { JobAdminService } from './jobs/job-admin.service';
import { JobsController } from './jobs/jobs.controller';
import { JobEventsService } from './jobs/job-events.service';
import { JobWaitService } from './jobs/job-wait.service';
import { NodePlacementService } from './pinning/node-placement.service';
import { StagedFileFetcher } from './storage/staged-file.fetcher';
import { StagedFilesStore } from './storage/staged-files.store';
import { StagingRetentionService } from './storage/staging-retention.service';
import { StorageController } from './storage/storage.controller';
import { SweeperService } from './sweepers/sweeper.service';
import { ApiDocsController } from './system/api-docs.controller';
import { QueueDepthReporter } from './system/queue-depth.reporter';
import { SystemStatsService } from './system/system-stats.service';
import { SystemController } from './system/system.controller';
import { TemplateApiService } from './templates/template-api.service';
import { TemplatesController } from './templates/templates.controller';
import { WorkerAdminService } from './workers/worker-admin.service';
import { WorkersController } from './workers/workers.controller';

/** The REST API role. Shared modules (config, logging, state, drivers) come from the bootstrap. */
@Module({
  controllers: [ApiDocsController, AuditController, DetachedTasksController, DeviceController, JobsController, StorageController, SystemController, TemplatesController, WorkersController],
  providers: [
    { provide: APP_GUARD, useClass: ApiKeyGuard },
    AUDIT_TRAIL_PROVIDER,
    JOB_END_NOTIFIER_PROVIDER,
    ApiKeyring,
    AuditReader,
    DEAD_WORKER_JOBS_PROVIDER,
    BulkDispatcher,
    ClientAddressResolver,
    ConnectionTester,
    DetachedDiscoveryService,
    { provide: DetachedEventSink, useClass: WebhookDetachedEventSink },
    DetachedJobClient,
    DetachedLaunchRegistrar,
    DetachedOutputFollower,
    DetachedSupervisor,
    DetachedTaskService,
    ExecRequestParser,
    IdempotencyService,
    JobAdminService,
    JobDispatcher,
    JobEventsService,
    JobWaitService,
    MultipartExecReader,
    NodePlacementService,
    OutboundTargetsCheck,
    QueueDepthReporter,
    StagedFileFetcher,
    StagedFilesStore,
    StagingRetentionService,
    SweeperService,
    SystemStatsService,
    TemplateApiService,
    WorkerAdminService,
  ],
})
export class ControllerModule {}
