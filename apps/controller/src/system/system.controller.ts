import { Controller, Get } from '@nestjs/common';
import type { SystemStatsResponse } from '@netpulse/contracts';
import { SystemStatsService } from '@netpulse/control';
import { Access } from '../http/access.decorator';

@Controller()
export class SystemController {
  constructor(private readonly stats: SystemStatsService) {}

  /** Static, as the original: it says the API answers, not that Redis does (use /readyz for that). */
  @Access('read')
  @Get('health')
  health(): { status: string } {
    return { status: 'ok' };
  }

  @Access('read')
  @Get('system/stats')
  systemStats(): Promise<SystemStatsResponse> {
    return this.stats.stats();
  }
}
