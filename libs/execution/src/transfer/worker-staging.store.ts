import type { TransferPaths } from '@netpulse/drivers';
import type { DownloadUrlSigner, StagingLayout } from '@netpulse/state';
import { rm, stat } from 'node:fs/promises';
import type { DeviceJobRequest } from '../jobs/device-job.request';

/**
 * The worker's side of the shared staging directory (the one filesystem adapter of the job
 * pipeline): where a job's transfer may read and write, the signed `download_url` of what it
 * downloaded, and the removal of its multipart upload when it ends.
 */
export class WorkerStagingStore {
  constructor(
    private readonly layout: StagingLayout,
    private readonly signer: DownloadUrlSigner,
  ) {}

  /**
   * The staged upload overrides `local_path`; downloads without an absolute `local_path` go to the
   * job's directory; every local path must stay inside staging, so a request can neither read nor
   * write the worker's own files.
   */
  pathsFor(jobId: string, req: DeviceJobRequest): TransferPaths {
    return { stagedFile: req.staged_file_id ?? null, downloadDir: this.layout.downloadDir(jobId), localRoots: [this.layout.root] };
  }

  /** A signed URL for a regular file the job downloaded into its staging directory; else null. */
  async downloadUrl(jobId: string, localPath: unknown): Promise<string | null> {
    if (typeof localPath !== 'string') return null;
    const fileId = this.layout.downloadFileId(jobId, localPath);
    if (fileId === null) return null;
    const st = await stat(localPath).catch(() => null);
    return st?.isFile() ? this.signer.urlFor(fileId) : null;
  }

  /** Deletes the job's multipart upload (whether the job succeeded or not). */
  async removeUpload(req: DeviceJobRequest): Promise<void> {
    const path = req.staged_file_id;
    if (path && this.layout.isUpload(path)) await rm(path, { force: true });
  }
}
