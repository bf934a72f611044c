import { Body, Controller, Headers, HttpCode, Post, Query, Req, Res, StreamableFile } from '@nestjs/common';
import type { ConnectionTestResponse, JobInResponse } from '@netpulse/contracts';
import type { Response } from 'express';
import { isMultipart, type ParsedBodyRequest } from '../http/json-body.middleware';
import { BulkDispatcher, BulkResponse, ConnectionTester, ExecRequestParser, IdempotencyService, JobAdminService, JobDispatcher, JobWaitService } from '@netpulse/control';
import { MultipartExecUnpacker } from './multipart-exec.unpacker';
import { Access } from '../http/access.decorator';
import { jobAnswerFile } from '../http/job-answer.file';

@Controller('device')
export class DeviceController {
  constructor(
    private readonly bulk: BulkDispatcher,
    private readonly dispatcher: JobDispatcher,
    private readonly idempotency: IdempotencyService,
    private readonly jobs: JobAdminService,
    private readonly multipart: MultipartExecUnpacker,
    private readonly parser: ExecRequestParser,
    private readonly tester: ConnectionTester,
    private readonly waits: JobWaitService,
  ) {}

  @Access('operate')
  @Post('exec')
  @HttpCode(201)
  async exec(@Req() req: ParsedBodyRequest, @Res({ passthrough: true }) res: Response, @Headers('idempotency-key') key?: string, @Query('wait') wait?: string): Promise<JobInResponse | StreamableFile> {
    // A plain call, not an interceptor: a JSON request (nearly all) runs no per-request interceptor chain.
    if (isMultipart(req)) await this.multipart.unpack(req, res);
    const waitMs = JobWaitService.parseWait(wait);
    if (waitMs) await this.waits.prepare();
    const job = await this.idempotency.once(
      'exec',
      key,
      req.body,
      () => this.dispatcher.dispatch(this.parser.parse(req.body, req.jsonError)),
      (stored) => this.jobs.get(stored.id).catch(() => stored),
    );
    if (!waitMs) return job;
    await this.waits.untilAfterCreate(job, waitMs);
    // The job as stored now, its result as the stored bytes (a large one is never parsed and
    // re-encoded, and is read from Redis a part at a time as the socket takes it).
    return jobAnswerFile(await this.jobs.answer(job.id));
  }

  @Access('operate')
  @Post('bulk')
  @HttpCode(201)
  bulkExec(@Req() req: ParsedBodyRequest, @Headers('idempotency-key') key?: string): Promise<BulkResponse> {
    return this.idempotency.once(
      'bulk',
      key,
      req.body,
      () => this.bulk.dispatch(req.body, req.jsonError),
      async (r) => ({ ...r, succeeded: await Promise.all(r.succeeded.map((j) => this.jobs.get(j.id).catch(() => j))) }),
    );
  }

  @Access('operate')
  @Post('test')
  @HttpCode(200)
  test(@Req() req: ParsedBodyRequest, @Body() body: unknown): Promise<ConnectionTestResponse> {
    return this.tester.test(body, req.jsonError);
  }
}
