import { Controller, Get, Header } from '@nestjs/common';
import { AppConfig } from '@netpulse/config';
import { buildOpenApiDocument, renderDocsHtml } from '@netpulse/contracts';
import { Access } from '../http/access.decorator';

const VERSION = '0.4.3';

/** The OpenAPI document (generated from the DTOs that validate requests) and a readable page of it. */
@Controller()
export class ApiDocsController {
  private readonly document: unknown;
  private readonly page: string;

  constructor(config: AppConfig) {
    const s = config.value.server;
    this.document = buildOpenApiDocument({ version: VERSION, serverUrl: s.external_url ?? undefined, apiKeyName: s.api_key_name });
    this.page = renderDocsHtml('/openapi.json', { apiKeyName: s.api_key_name });
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
}
