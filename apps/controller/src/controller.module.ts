import { Module } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import { ControlModule } from '@netpulse/control';
import { AuditController } from './audit/audit.controller';
import { AuditReader } from './audit/audit.reader';
import { DetachedTasksController } from './detached/detached-tasks.controller';
import { DeviceController } from './device/device.controller';
import { MultipartExecReader } from './device/multipart-exec.reader';
import { MultipartExecUnpacker } from './device/multipart-exec.unpacker';
import { ApiKeyGuard } from './http/api-key.guard';
import { ApiKeyring } from './http/api-keyring.service';
import { ClientAddressResolver } from './http/client-address.resolver';
import { JobEventsService } from './jobs/job-events.service';
import { JobsController } from './jobs/jobs.controller';
import { StagedFileFetcher } from './storage/staged-file.fetcher';
import { StorageController } from './storage/storage.controller';
import { ApiDocsController } from './system/api-docs.controller';
import { SystemController } from './system/system.controller';
import { TemplateApiService } from './templates/template-api.service';
import { TemplatesController } from './templates/templates.controller';
import { WorkersController } from './workers/workers.controller';

/**
 * The REST API role: routes, the API-key guard and the HTTP adapters (body reading, multipart,
 * Server-Sent Events, file streaming). What the routes do is in `ControlModule`; shared modules
 * (config, logging, state, drivers) come from the bootstrap.
 */
@Module({
  imports: [ControlModule],
  controllers: [ApiDocsController, AuditController, DetachedTasksController, DeviceController, JobsController, StorageController, SystemController, TemplatesController, WorkersController],
  providers: [
    { provide: APP_GUARD, useClass: ApiKeyGuard },
    ApiKeyring,
    AuditReader,
    ClientAddressResolver,
    JobEventsService,
    MultipartExecReader,
    MultipartExecUnpacker,
    StagedFileFetcher,
    TemplateApiService,
  ],
})
export class ControllerModule {}
