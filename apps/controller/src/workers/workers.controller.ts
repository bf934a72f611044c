import { Controller, Delete, Get, Param, Query } from '@nestjs/common';
import type { WorkerInResponse } from '@netpulse/contracts';
import { WorkerAdminService, resolveQueueFilter } from '@netpulse/control';
import { Access } from '../http/access.decorator';

@Controller('workers')
export class WorkersController {
  constructor(private readonly admin: WorkerAdminService) {}

  @Access('read')
  @Get()
  list(@Query('queue') queue?: string, @Query('node') node?: string, @Query('host') host?: string): Promise<WorkerInResponse[]> {
    return this.admin.list(resolveQueueFilter({ queue, node, host }));
  }

  @Access('admin')
  @Delete(':name')
  shutdown(@Param('name') name: string): Promise<{ name: string }> {
    return this.admin.shutdown(name);
  }

  @Access('admin')
  @Delete()
  shutdownMany(@Query('queue') queue?: string, @Query('node') node?: string, @Query('host') host?: string): Promise<string[]> {
    return this.admin.shutdownQueue(resolveQueueFilter({ queue, node, host }));
  }
}
