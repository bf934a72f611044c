import { Injectable } from '@nestjs/common';
import { ApiError, isPlainObject } from '@netpulse/contracts';
import type { Response } from 'express';
import { ParsedBodyRequest, sanitize } from '../http/json-body.middleware';
import { describeJsonSyntaxError } from '../http/json-syntax.locator';
import { StagedFilesStore } from '@netpulse/control';
import { MultipartExec, MultipartExecReader } from './multipart-exec.reader';

/**
 * Multipart mode of `POST /device/exec`: called by the route handler, so after the API key guard
 * (nothing is written for an unauthenticated client), and only for a multipart request (a JSON one
 * pays nothing for it). The `request` JSON becomes the body, with `staged_file_id` set to the staged
 * file; unless the answer is a 201 (a job now owns the file, and the worker removes it when the job
 * ends) the file is removed at once.
 */
@Injectable()
export class MultipartExecUnpacker {
  constructor(
    private readonly files: StagedFilesStore,
    private readonly reader: MultipartExecReader,
  ) {}

  async unpack(req: ParsedBodyRequest, res: Response): Promise<void> {
    let upload: MultipartExec;
    try {
      upload = await this.reader.read(req);
    } catch (err) {
      // The rest of a refused upload may still be on its way: close the connection after answering.
      res.setHeader('Connection', 'close');
      throw err;
    }
    const { request, stagedFile } = upload;
    const drop = async (err: ApiError): Promise<never> => {
      if (stagedFile) await this.files.removeUpload(stagedFile);
      throw err;
    };
    if (request === null) return drop(ApiError.unprocessable("Field 'request' is required in multipart mode"));
    let body: unknown;
    try {
      body = sanitize(JSON.parse(request) as unknown);
    } catch (err) {
      return drop(ApiError.unprocessable(`Invalid 'request' JSON: ${err instanceof SyntaxError ? describeJsonSyntaxError(request) : err instanceof Error ? err.message : String(err)}`));
    }
    if (!isPlainObject(body)) return drop(ApiError.unprocessable("Invalid 'request' JSON: it must be a JSON object"));
    if (stagedFile) {
      body.staged_file_id = stagedFile;
      res.on('finish', () => {
        if (res.statusCode !== 201) void this.files.removeUpload(stagedFile).catch(() => undefined);
      });
    }
    req.body = body;
    req.jsonError = undefined;
  }
}
