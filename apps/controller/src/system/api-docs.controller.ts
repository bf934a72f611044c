import { Controller, Get, Header, NotFoundException, Param, Res } from '@nestjs/common';
import { AppConfig } from '@netpulse/config';
import { buildOpenApiDocument } from '@netpulse/contracts';
import type { Response } from 'express';
import { Access } from '../http/access.decorator';
import { DOCS_INIT_SCRIPT, docsInitScript, docsPageHtml, swaggerUiFile } from './api-docs.page';

const VERSION = '0.4.3';
const SPEC_URL = '/openapi.json';

/** The OpenAPI document (generated from the DTOs that validate requests) and Swagger UI over it. */
@Controller()
export class ApiDocsController {
  private readonly document: unknown;
  private readonly page = docsPageHtml();
  private readonly init = docsInitScript(SPEC_URL);

  constructor(config: AppConfig) {
    const s = config.value.server;
    this.document = buildOpenApiDocument({ version: VERSION, serverUrl: s.external_url ?? undefined, apiKeyName: s.api_key_name });
  }

  @Access('public')
  @Get('openapi.json')
  openapi(): unknown {
    return this.document;
  }

  @Access('public')
  @Get('docs')
  @Header('Content-Type', 'text/html; charset=utf-8')
  docs(): string {
    return this.page;
  }

  /** The page's script and the Swagger UI files it loads; any other name is 404. */
  @Access('public')
  @Get('docs/:asset')
  asset(@Param('asset') asset: string, @Res() res: Response): void {
    if (asset === DOCS_INIT_SCRIPT) {
      res.type('application/javascript').send(this.init);
      return;
    }
    const file = swaggerUiFile(asset);
    if (!file) throw new NotFoundException(`No docs file ${asset}`);
    res.sendFile(file, { maxAge: '1d' });
  }
}
