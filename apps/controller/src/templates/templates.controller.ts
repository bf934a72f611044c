import { Controller, HttpCode, Param, Post, Req, Res } from '@nestjs/common';
import type { Response } from 'express';
import type { ParsedBodyRequest } from '../http/json-body.middleware';
import { TemplateApiService } from './template-api.service';
import { Access } from '../http/access.decorator';

@Controller('template')
export class TemplatesController {
  constructor(private readonly templates: TemplateApiService) {}

  /** Answers a JSON string (the rendered text), as the original. */
  @Access('operate')
  @Post(['render', 'render/:name'])
  @HttpCode(200)
  async render(@Req() req: ParsedBodyRequest, @Res() res: Response, @Param('name') name?: string): Promise<void> {
    res.type('application/json').send(JSON.stringify(await this.templates.render(req.body, req.jsonError, name)));
  }

  @Access('operate')
  @Post(['parse', 'parse/:name'])
  @HttpCode(200)
  parse(@Req() req: ParsedBodyRequest, @Param('name') name?: string): Promise<unknown> {
    return this.templates.parse(req.body, req.jsonError, name);
  }
}
