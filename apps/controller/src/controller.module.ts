import { Module } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import { BulkDispatcher } from './device/bulk-dispatcher.service';
import { DeviceController } from './device/device.controller';
import { ConnectionTester } from './device/connection-tester.service';
import { ExecRequestParser } from './device/exec-request.parser';
import { IdempotencyService } from './device/idempotency.service';
import { JobDispatcher } from './device/job-dispatcher.service';
import { ApiKeyGuard } from './http/api-key.guard';
import { JobAdminService } from './jobs/job-admin.service';
import { JobsController } from './jobs/jobs.controller';
import { NodePlacementService } from './pinning/node-placement.service';
import { SweeperService } from './sweepers/sweeper.service';
import { ApiDocsController } from './system/api-docs.controller';
import { QueueDepthReporter } from './system/queue-depth.reporter';
import { SystemStatsService } from './system/system-stats.service';
import { SystemController } from './system/system.controller';
import { WorkerAdminService } from './workers/worker-admin.service';
import { WorkersController } from './workers/workers.controller';

/** The REST API role. Shared modules (config, logging, state, drivers) come from the bootstrap. */
@Module({
  controllers: [ApiDocsController, DeviceController, JobsController, SystemController, WorkersController],
  providers: [
    { provide: APP_GUARD, useClass: ApiKeyGuard },
    BulkDispatcher,
    ConnectionTester,
    ExecRequestParser,
    IdempotencyService,
    JobAdminService,
    JobDispatcher,
    NodePlacementService,
    QueueDepthReporter,
    SweeperService,
    SystemStatsService,
    WorkerAdminService,
  ],
})
export class ControllerModule {}
