import { Injectable } from '@nestjs/common';
import { AppConfig } from '@netpulse/config';
import { ApiError } from '@netpulse/contracts';
import busboy from 'busboy';
import type { IncomingMessage } from 'node:http';
import type { Readable } from 'node:stream';
import { StagedFilesStore } from '@netpulse/control';

/** What a multipart `/device/exec` carried. */
export interface MultipartExec {
  /** The `request` field's text, or null when absent. */
  request: string | null;
  /** Path of the staged `file` part, or null when absent. */
  stagedFile: string | null;
}

/**
 * Reads a multipart `/device/exec` body as it arrives: the `request` field (at most
 * `server.body_limit` bytes) and one `file` part streamed to staging (at most
 * `storage.max_upload_bytes`, never held in memory). Other parts are drained and ignored.
 */
@Injectable()
export class MultipartExecReader {
  constructor(
    private readonly config: AppConfig,
    private readonly files: StagedFilesStore,
  ) {}

  read(req: IncomingMessage): Promise<MultipartExec> {
    const { body_limit: fieldLimit } = this.config.value.server;
    const { max_upload_bytes: fileLimit } = this.config.value.storage;
    return new Promise<MultipartExec>((resolve, reject) => {
      let parser: busboy.Busboy;
      try {
        parser = busboy({ headers: req.headers, limits: { files: 1, fields: 32, parts: 64, fieldSize: fieldLimit, fileSize: fileLimit } });
      } catch (err) {
        reject(ApiError.badRequest(`Invalid multipart body: ${err instanceof Error ? err.message : String(err)}`));
        return;
      }
      let request: string | null = null;
      let fieldTooLarge = false;
      let upload: Promise<string> | null = null;
      let fileStream: Readable | null = null;
      let failed = false;
      let done = false;
      const fail = async (err: ApiError): Promise<void> => {
        if (failed || done) return;
        failed = true;
        req.unpipe(parser);
        // Stop the file part mid-way: its write then fails and removes what it wrote.
        fileStream?.destroy(new Error(err.message));
        const path = await upload?.catch(() => null);
        if (path) await this.files.removeUpload(path);
        reject(err);
      };
      parser.on('field', (name, value, info) => {
        if (name !== 'request') return;
        if (info.valueTruncated) fieldTooLarge = true;
        request = value;
      });
      parser.on('file', (name, stream, info) => {
        if (name !== 'file' || upload) {
          stream.resume();
          return;
        }
        // Refuse at once: reading (and dropping) the rest of a huge upload would only waste time.
        stream.on('limit', () => void fail(new ApiError(413, { detail: `Uploaded file is larger than storage.max_upload_bytes (${fileLimit} bytes)` })));
        fileStream = stream;
        upload = this.files.writeUpload(stream, info.filename ?? 'upload');
        upload.catch(() => undefined);
      });
      parser.on('error', (err: unknown) => void fail(ApiError.badRequest(`Invalid multipart body: ${err instanceof Error ? err.message : String(err)}`)));
      parser.on('close', () => {
        void (async () => {
          let stagedFile: string | null = null;
          try {
            stagedFile = upload ? await upload : null;
          } catch (err) {
            return fail(new ApiError(500, { detail: `Could not stage the uploaded file: ${err instanceof Error ? err.message : String(err)}` }));
          }
          if (fieldTooLarge) return fail(new ApiError(413, { detail: `Field 'request' is larger than server.body_limit (${fieldLimit} bytes)` }));
          if (failed) return;
          done = true;
          resolve({ request, stagedFile });
        })();
      });
      // A client that goes away mid-upload leaves no partial file behind.
      req.on('close', () => {
        if (!req.complete) void fail(ApiError.badRequest('The upload was aborted by the client'));
      });
      req.pipe(parser);
    });
  }
}
