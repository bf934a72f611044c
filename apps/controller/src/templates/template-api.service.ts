import { Injectable } from '@nestjs/common';
import { ApiError, TemplateParseDto, TemplateRenderDto, validateDto } from '@netpulse/contracts';
import { TemplateEngineNotFoundError, TemplateEngines, TemplateError } from '@netpulse/templates';

/** `/template/render[/{name}]` and `/template/parse[/{name}]` (TextFSM parses return records; `template` may be omitted with an index lookup). */
@Injectable()
export class TemplateApiService {
  constructor(private readonly engines: TemplateEngines) {}

  async render(body: unknown, jsonError: string | undefined, name?: string): Promise<string> {
    const dto = this.validated(TemplateRenderDto, body, jsonError);
    return this.answer(() => this.engines.render(dto, name));
  }

  async parse(body: unknown, jsonError: string | undefined, name?: string): Promise<unknown> {
    const dto = this.validated(TemplateParseDto, body, jsonError);
    return this.answer(() => this.engines.parse(dto, name));
  }

  private validated<T extends object>(cls: new () => T, body: unknown, jsonError: string | undefined): T {
    if (jsonError !== undefined) throw ApiError.unprocessable([{ type: 'json_invalid', loc: ['body'], msg: 'JSON decode error', input: {}, ctx: { error: jsonError } }]);
    const r = validateDto(cls, body);
    if (r.value === null) throw ApiError.unprocessable(r.errors);
    return r.value;
  }

  /** Engine errors carry the contract's status: 404 unknown engine, 400 everything else. */
  private async answer<T>(work: () => Promise<T>): Promise<T> {
    try {
      return await work();
    } catch (err) {
      if (err instanceof TemplateEngineNotFoundError) throw ApiError.notFound(err.detail);
      if (err instanceof TemplateError) throw new ApiError(err.status, { detail: err.message });
      throw err;
    }
  }
}
