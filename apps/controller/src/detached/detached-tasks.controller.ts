import { Controller, Delete, Get, HttpCode, Param, Post, Query, Req } from '@nestjs/common';
import type { ParsedBodyRequest } from '../http/json-body.middleware';
import { optionalInt } from '../http/query-params';
import { DetachedDiscoveryService, DetachedQueryResponse, DetachedTaskService, DetachedTaskView, DiscoveryResponse } from '@netpulse/control';
import { Access } from '../http/access.decorator';

/** Detached (background) tasks of the paramiko driver. */
@Controller('detached-tasks')
export class DetachedTasksController {
  constructor(
    private readonly discovery: DetachedDiscoveryService,
    private readonly tasks: DetachedTaskService,
  ) {}

  @Access('read')
  @Get()
  list(@Query('status') status?: string): Promise<DetachedTaskView[]> {
    return this.tasks.list(status);
  }

  @Access('admin')
  @Delete()
  clear(): Promise<{ status: 'cleared'; count: number }> {
    return this.tasks.clear();
  }

  @Access('operate')
  @Post('discover')
  @HttpCode(200)
  discover(@Req() req: ParsedBodyRequest): Promise<DiscoveryResponse> {
    return this.discovery.discover(req.body, req.jsonError);
  }

  @Access('read')
  @Get(':task_id')
  query(@Param('task_id') taskId: string, @Query('offset') offset?: string): Promise<DetachedQueryResponse> {
    return this.tasks.query(taskId, optionalInt('offset', offset, 0));
  }

  @Access('operate')
  @Delete(':task_id')
  kill(@Param('task_id') taskId: string): Promise<{ status: 'killed'; task_id: string }> {
    return this.tasks.kill(taskId);
  }
}
