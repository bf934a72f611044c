import type { FactoryProvider } from '@nestjs/common';
import { AppConfig } from '@netpulse/config';
import { AppLogger, NetpulseMetrics, backgroundFailure } from '@netpulse/observability';
import { DetachedTaskStore, DownloadUrlSigner, SecretBox, StagingLayout, publicBaseUrl } from '@netpulse/state';
import { DetachedLaunchOperation } from '../detached/detached-launch.operation';
import { DetachedTaskOperation } from '../detached/detached-task.operation';
import { FileTransferOperation } from '../transfer/file-transfer.operation';
import { WorkerStagingStore } from '../transfer/worker-staging.store';
import { SessionOperationRegistry } from './session-operation.registry';

/**
 * The worker's session operations, in priority order: the detached-task jobs first (they carry
 * the task's own request), then launches (which may upload first), then plain file transfers.
 */
export const SESSION_OPERATIONS_PROVIDER: FactoryProvider<SessionOperationRegistry> = {
  provide: SessionOperationRegistry,
  inject: [AppConfig, AppLogger, DetachedTaskStore, SecretBox, NetpulseMetrics],
  useFactory: (c: AppConfig, logger: AppLogger, tasks: DetachedTaskStore, box: SecretBox, metrics: NetpulseMetrics) => {
    const storage = c.value.storage;
    const signer = new DownloadUrlSigner(box.deriveKey('storage-fetch'), publicBaseUrl(c.value.server), storage.download_url_ttl);
    const staging = new WorkerStagingStore(new StagingLayout(storage.staging), signer);
    const ops = [new DetachedTaskOperation(tasks), new DetachedLaunchOperation(tasks, staging, logger), new FileTransferOperation(staging)];
    return new SessionOperationRegistry(ops, (operation, jobId, err) => backgroundFailure(logger, metrics, 'plugin_cleanup', 'session operation clean-up failed', { operation, job_id: jobId })(err));
  },
};
