import { Controller, Get, Query } from '@nestjs/common';
import type { AuditEntry } from '@netpulse/state';
import { Access } from '../http/access.decorator';
import { AuditReader } from './audit.reader';

/** The audit trail: who did what, from where, and how it ended (docs/security.md). */
@Controller('audit')
export class AuditController {
  constructor(private readonly reader: AuditReader) {}

  @Access('admin')
  @Get()
  list(@Query('since') since?: string, @Query('key') key?: string, @Query('host') host?: string, @Query('limit') limit?: string): Promise<AuditEntry[]> {
    return this.reader.read({ since, key, host, limit });
  }
}
