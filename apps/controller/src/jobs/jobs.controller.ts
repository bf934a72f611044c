import { Controller, Delete, Get, Headers, Param, Query, Req, Res, StreamableFile } from '@nestjs/common';
import { ApiError } from '@netpulse/contracts';
import type { Request, Response } from 'express';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { optionalInt } from '../http/query-params';
import { JobAdminService, JobWaitService, resolveQueueFilter } from '@netpulse/control';
import { JobEventsService } from './job-events.service';
import { Access } from '../http/access.decorator';
import { jobAnswerFile } from '../http/job-answer.file';

@Controller('jobs')
export class JobsController {
  constructor(
    private readonly admin: JobAdminService,
    private readonly events: JobEventsService,
    private readonly waits: JobWaitService,
  ) {}

  @Access('read')
  @Get()
  list(
    @Query('queue') queue?: string,
    @Query('status') status?: string,
    @Query('node') node?: string,
    @Query('host') host?: string,
    @Query('limit') limit?: string,
    @Query('offset') offset?: string,
  ): Promise<StreamableFile> {
    // The stored results go out as they are: a large one is read from Redis a part at a time.
    return this.admin.list({ queue: resolveQueueFilter({ queue, node, host }), status, limit: optionalInt('limit', limit, 1), offset: optionalInt('offset', offset, 0) }).then(jobAnswerFile);
  }

  @Access('read')
  @Get(':id')
  async get(@Param('id') id: string, @Res() res: Response, @Query('wait') wait?: string): Promise<void> {
    const waitMs = JobWaitService.parseWait(wait);
    if (waitMs !== undefined && !(await this.waits.until(id, waitMs))) throw ApiError.notFound(`Job ${id} not found`);
    // The stored result goes out as it is, with or without `wait` (a large one is never parsed and
    // re-encoded, and is read from Redis a part at a time as the socket takes it).
    const answer = await this.admin.answer(id);
    res.status(200).setHeader('Content-Type', 'application/json; charset=utf-8');
    res.setHeader('Content-Length', answer.length);
    // In memory already (all but a large result): one write, no stream machinery per request.
    if (answer.whole) {
      res.end(answer.whole);
      return;
    }
    // One part ahead at most (a part is 1 MiB). A result that went away mid-answer (expired) can
    // only cut the connection: the status is sent.
    await pipeline(Readable.from(answer.parts, { highWaterMark: 1 }), res).catch(() => res.destroy());
  }

  @Access('read')
  @Get(':id/events')
  stream(@Param('id') id: string, @Headers('last-event-id') lastEventId: string | undefined, @Req() req: Request, @Res() res: Response): Promise<void> {
    return this.events.stream(id, lastEventId, req, res);
  }

  @Access('operate')
  @Delete(':id')
  cancel(@Param('id') id: string): Promise<{ id: string }> {
    return this.admin.cancelOrStop(id);
  }

  @Access('operate')
  @Delete()
  cancelMany(@Query('queue') queue?: string, @Query('host') host?: string): Promise<string[]> {
    return this.admin.cancelQueue(resolveQueueFilter({ queue, host }));
  }
}
