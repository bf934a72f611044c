import { Controller, Get, Param, Query, StreamableFile } from '@nestjs/common';
import { StagedFileFetcher } from './staged-file.fetcher';
import { Access } from '../http/access.decorator';

/** `GET /storage/fetch/{file_id:path}` (docs/compatibility.md: Signed download URLs): no API key, a signed expiring URL. */
@Controller('storage')
export class StorageController {
  constructor(private readonly fetcher: StagedFileFetcher) {}

  @Access('public')
  @Get('fetch/*file_id')
  fetch(@Param('file_id') fileId: string | string[], @Query('expires') expires?: unknown, @Query('sig') sig?: unknown): Promise<StreamableFile> {
    return this.fetcher.fetch(Array.isArray(fileId) ? fileId : [fileId], expires, sig);
  }
}
