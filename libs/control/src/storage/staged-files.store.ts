import { Injectable } from '@nestjs/common';
import { AppConfig } from '@netpulse/config';
import { StagingLayout } from '@netpulse/state';
import { createReadStream, createWriteStream, ReadStream } from 'node:fs';
import { mkdir, readdir, realpath, rm, stat } from 'node:fs/promises';
import { join, sep } from 'node:path';
import type { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';

/** A file `/storage/fetch` may send, or why not. */
export type FetchTarget = { kind: 'file'; stream: ReadStream; size: number; name: string } | { kind: 'forbidden' } | { kind: 'missing' };

/**
 * The controller's side of the shared staging directory (its one filesystem adapter): multipart
 * uploads streamed to disk, downloads served from `downloads/`, and the retention sweep.
 */
@Injectable()
export class StagedFilesStore {
  readonly layout: StagingLayout;

  constructor(config: AppConfig) {
    this.layout = new StagingLayout(config.value.storage.staging);
  }

  /**
   * Streams an upload to a fresh `<8 hex>_<sanitised name>` file (never buffered: backpressure
   * reaches the client's socket). Resolves the path; on error the partial file is removed.
   */
  async writeUpload(source: Readable, clientName: string): Promise<string> {
    await mkdir(this.layout.root, { recursive: true });
    const path = this.layout.uploadPath(clientName);
    try {
      await pipeline(source, createWriteStream(path, { flags: 'wx', mode: 0o600 }));
    } catch (err) {
      await rm(path, { force: true });
      throw err;
    }
    return path;
  }

  /** Removes a staged upload (only a name `uploadPath` could have made). */
  async removeUpload(path: string): Promise<void> {
    if (this.layout.isUpload(path)) await rm(path, { force: true });
  }

  /**
   * A downloaded file by its fetch id (`dl_<job id>/<name>`, segments already decoded): refused
   * when a segment could climb out of `downloads/` or a symlink leads outside it.
   */
  async openDownload(segments: readonly string[]): Promise<FetchTarget> {
    if (segments.length === 0 || segments.some((s) => s === '' || s === '.' || s === '..' || /[/\\\0]/.test(s))) return { kind: 'forbidden' };
    const root = this.layout.downloadsRoot;
    const path = join(root, ...segments);
    const real = await realpath(path).catch(() => null);
    if (real === null) return { kind: 'missing' };
    const realRoot = await realpath(root).catch(() => root);
    if (!real.startsWith(realRoot + sep)) return { kind: 'forbidden' };
    const st = await stat(real).catch(() => null);
    if (!st?.isFile()) return { kind: 'missing' };
    return { kind: 'file', stream: createReadStream(real), size: st.size, name: segments[segments.length - 1] };
  }

  /**
   * Deletes staged uploads and download directories last modified before `cutoffMs` (epoch ms);
   * resolves how many entries went.
   */
  async removeOlderThan(cutoffMs: number): Promise<number> {
    let removed = 0;
    const sweep = async (dir: string, skip: string | null): Promise<void> => {
      const names = await readdir(dir).catch(() => [] as string[]);
      for (const name of names) {
        if (name === skip) continue;
        const p = join(dir, name);
        const st = await stat(p).catch(() => null);
        if (st && st.mtimeMs < cutoffMs) {
          await rm(p, { recursive: true, force: true });
          removed++;
        }
      }
    };
    await sweep(this.layout.root, 'downloads');
    await sweep(this.layout.downloadsRoot, null);
    return removed;
  }
}
