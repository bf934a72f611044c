import { open } from 'node:fs/promises';
import type { SftpSession } from '../transport/sftp.session';

/** Requests kept in flight per file: hides the round trip, as ssh2's fastPut does. */
const DEFAULT_CONCURRENCY = 16;
/** `chunk_size` is honoured within these bounds: tiny chunks only slow the transfer down. */
const MIN_CHUNK = 4096;
const MAX_CHUNK = 1 << 20;

export class TransferAbortedError extends Error {
  constructor() {
    super('File transfer was interrupted');
    this.name = 'TransferAbortedError';
  }
}

/**
 * Copies byte ranges between a local file and a remote one with positional SFTP reads/writes, several
 * requests in flight. Each worker reuses one chunk-sized buffer, so memory stays at
 * concurrency × chunk whatever the file size (a 1 GiB file is never held in memory), and unlike
 * fastPut/fastGet a copy can start at an offset (resume) and stop on an AbortSignal.
 */
export class SftpFileCopier {
  private readonly chunk: number;

  constructor(
    private readonly sftp: SftpSession,
    chunkSize: number,
    private readonly concurrency = DEFAULT_CONCURRENCY,
  ) {
    this.chunk = Math.min(MAX_CHUNK, Math.max(MIN_CHUNK, Math.floor(chunkSize)));
  }

  /** Writes local bytes [from, to) to the same offsets of `remotePath` (truncated first unless resuming). */
  async upload(localPath: string, remotePath: string, from: number, to: number, signal: AbortSignal): Promise<number> {
    const local = await open(localPath, 'r');
    try {
      const handle = await this.sftp.open(remotePath, from > 0 ? 'r+' : 'w');
      try {
        return await this.pump(from, to, signal, async (buf, pos, len) => {
          const { bytesRead } = await local.read(buf, 0, len, pos);
          if (bytesRead !== len) throw new Error(`Local file ${localPath} changed size during the upload`);
          await this.sftp.write(handle, buf, len, pos);
        });
      } finally {
        await this.sftp.closeHandle(handle).catch(() => undefined);
      }
    } finally {
      await local.close();
    }
  }

  /** Writes remote bytes [from, to) to the same offsets of `localPath` (truncated first unless resuming). */
  async download(remotePath: string, localPath: string, from: number, to: number, signal: AbortSignal): Promise<number> {
    const handle = await this.sftp.open(remotePath, 'r');
    try {
      const local = await open(localPath, from > 0 ? 'r+' : 'w');
      try {
        return await this.pump(from, to, signal, async (buf, pos, len) => {
          // A server may answer a read with fewer bytes than asked; ask again for the rest.
          for (let done = 0; done < len; ) {
            const n = await this.sftp.read(handle, buf.subarray(done), len - done, pos + done);
            if (n === 0) throw new Error(`Remote file ${remotePath} changed size during the download`);
            await local.write(buf, done, n, pos + done);
            done += n;
          }
        });
      } finally {
        await local.close();
      }
    } finally {
      await this.sftp.closeHandle(handle).catch(() => undefined);
    }
  }

  /** Runs `move` over [from, to) in chunks on `concurrency` workers; resolves the bytes moved. */
  private async pump(from: number, to: number, signal: AbortSignal, move: (buf: Buffer, pos: number, len: number) => Promise<void>): Promise<number> {
    let next = from;
    let failed = false;
    const worker = async (): Promise<void> => {
      const buf = Buffer.allocUnsafe(this.chunk);
      while (next < to && !failed) {
        if (signal.aborted) throw new TransferAbortedError();
        const pos = next;
        const len = Math.min(this.chunk, to - pos);
        next += len;
        await move(buf, pos, len);
      }
    };
    const workers = Math.max(1, Math.min(this.concurrency, Math.ceil((to - from) / this.chunk)));
    // Wait for every worker, not just the first failure: handles are closed only when none is in use.
    const settled = await Promise.allSettled(
      Array.from({ length: workers }, () =>
        worker().catch((err: unknown) => {
          failed = true;
          throw err;
        }),
      ),
    );
    const failure = settled.find((s): s is PromiseRejectedResult => s.status === 'rejected');
    if (failure) throw failure.reason;
    return Math.max(0, to - from);
  }
}
