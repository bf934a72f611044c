import { randomUUID } from 'node:crypto';
import { basename, dirname, join, relative, resolve, sep } from 'node:path';

/** A staged upload's file name: 8 hex characters of a uuid4, `_`, the sanitised client name. */
const UPLOAD_NAME = /^[0-9a-f]{8}_[A-Za-z0-9._-]+$/;

/** A client's file name as the contract keeps it: `[A-Za-z0-9._-]`, anything else `_`. */
export function sanitiseUploadName(name: string): string {
  const clean = basename(name.replace(/\\/g, '/')).replace(/[^A-Za-z0-9._-]/g, '_').slice(0, 200);
  return clean === '' ? 'upload' : clean;
}

/**
 * Where the shared staging directory (`storage.staging`, shared by controller and workers) keeps
 * things: multipart uploads at its root, worker downloads under `downloads/dl_<job id>/`. Names
 * only; the filesystem is touched by each app's own storage adapter.
 */
export class StagingLayout {
  /** Absolute staging root. */
  readonly root: string;

  constructor(staging: string) {
    this.root = resolve(staging);
  }

  /** Root of what `/storage/fetch/{file_id}` serves. */
  get downloadsRoot(): string {
    return join(this.root, 'downloads');
  }

  /** A job's download directory. */
  downloadDir(jobId: string): string {
    return join(this.downloadsRoot, `dl_${jobId}`);
  }

  /** The fetch id (`dl_<job id>/<file>`) of a file a job downloaded, or null if it lies elsewhere. */
  downloadFileId(jobId: string, path: string): string | null {
    const dir = this.downloadDir(jobId);
    const abs = resolve(path);
    if (!abs.startsWith(dir + sep)) return null;
    return relative(this.downloadsRoot, abs).split(sep).join('/');
  }

  /** A fresh path for an upload named `clientName` by the client: `<root>/<8 hex>_<sanitised>`. */
  uploadPath(clientName: string): string {
    return join(this.root, `${randomUUID().slice(0, 8)}_${sanitiseUploadName(clientName)}`);
  }

  /**
   * True for a path `uploadPath` could have made: only such files are deleted at job end, so a
   * client-supplied `staged_file_id` cannot make a worker delete anything else.
   */
  isUpload(path: string): boolean {
    const abs = resolve(path);
    return dirname(abs) === this.root && UPLOAD_NAME.test(basename(abs));
  }
}
