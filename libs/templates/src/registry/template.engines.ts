import { NtcTemplateStore } from '../ntc/ntc-template.store';
import { JobPayloadInput, JobPayloadRenderer, RenderedJobPayload } from '../render/job-payload.renderer';
import { TemplateSourceOptions, TemplateSourceResolver } from '../sources/template-source.resolver';
import { TemplateParseError } from './template-parse.error';
import type { TemplateParseRequest, TemplatePluginOptions, TemplateRenderRequest } from './template-plugin.types';
import { TemplateParserRegistry } from './template-parser.registry';
import { TemplateRendererRegistry } from './template-renderer.registry';
import { TemplateRequestError } from './template-request.error';

export type TemplateEnginesOptions = TemplateSourceOptions & TemplatePluginOptions;

/** A parser bound to one request, its template fetched and compiled once, for every result of a job. */
export type PreparedParser = (text: unknown) => Promise<unknown>;

/**
 * What the apps call for templates: the two registries plus source loading, with the contract's
 * checks in the original's order. Every failure is a TemplateError whose `status` is the HTTP
 * status `/template/*` answers with; on a job, its `name` is the job's `error.type`.
 */
export class TemplateEngines {
  constructor(
    readonly parsers: TemplateParserRegistry,
    readonly renderers: TemplateRendererRegistry,
    private readonly sources: TemplateSourceResolver,
    /** Folder of the ntc-templates index (`templates.ntc_dir`); default the bundled copy. */
    private readonly ntcDir: string | null = null,
  ) {}

  static withBuiltins(options: TemplateEnginesOptions): TemplateEngines {
    return new TemplateEngines(TemplateParserRegistry.withBuiltins(options), TemplateRendererRegistry.withBuiltins(options), new TemplateSourceResolver(options), options.ntcDir ?? null);
  }

  /**
   * Whether the ntc-templates index has a template for the platform and command, the command
   * matched as the index matches it (abbreviations such as `sh ip int br` included).
   * @throws NtcIndexError when the index itself cannot be read
   */
  hasNtcTemplate(platform: string, command: string): boolean {
    return NtcTemplateStore.forDirectory(this.ntcDir ?? undefined).index.find({ Command: command, Platform: platform }) !== undefined;
  }

  /** Why a template source would be refused before anything is fetched; null when it may be used. */
  sourceRefusal(template: unknown): Promise<string | null> {
    return typeof template === 'string' ? this.sources.refusal(template) : Promise.resolve(null);
  }

  /**
   * `POST /template/render[/{name}]`: a path name overrides the body's. Returns the rendered string.
   * @throws TemplateRequestError 400 `Renderer name is required` / `Template source is required`
   * @throws TemplateEngineNotFoundError 404; TemplateSourceError, TemplateRenderError 400
   */
  async render(request: TemplateRenderRequest, pathName?: string): Promise<string> {
    const name = pathName ?? request.name ?? '';
    if (name === '') throw new TemplateRequestError('Renderer name is required');
    const template = request.template;
    if (typeof template !== 'string' || template === '') throw new TemplateRequestError('Template source is required');
    const renderer = this.renderers.require(name);
    return renderer.render(await this.sources.resolve(template), contextOf(request), argsOf(request));
  }

  /**
   * `POST /template/parse[/{name}]`: parses `request.context` (the text). Returns the parser's output.
   * @throws TemplateRequestError 400 `Parser name is required`; TemplateEngineNotFoundError 404
   * @throws TemplateSourceError, TemplateParseError 400
   */
  async parse(request: TemplateParseRequest, pathName?: string): Promise<unknown> {
    const name = pathName ?? request.name ?? '';
    const parse = await this.prepareParser(request, name);
    return parse(request.context ?? '');
  }

  /**
   * A job's `parsing` (its last step): looks the parser up and loads its template once; call the result
   * with each result's `stdout`. A `context` in the request is ignored.
   */
  async prepareParser(request: TemplateParseRequest, name: string = request.name ?? ''): Promise<PreparedParser> {
    if (name === '') throw new TemplateRequestError('Parser name is required');
    const parser = this.parsers.require(name);
    const indexMode = request.use_ntc_template === true || request.use_ttp_template === true;
    const template = !indexMode && typeof request.template === 'string' && request.template !== '' ? await this.sources.resolve(request.template) : request.template;
    const bound: TemplateParseRequest = { ...request, context: null, template };
    return async (text: unknown) => {
      if (typeof text !== 'string') throw new TemplateParseError(`Only text output can be parsed, got ${text === null ? 'null' : typeof text}`);
      return parser.parse(text, bound);
    };
  }

  /**
   * A job's `rendering` (its first step; one line per rendered line): the payload lines to run and the rendered
   * `driver_args` / `file_transfer`. The engine is `rendering.name` (default `jinja2`).
   */
  async renderJob(input: JobPayloadInput & { readonly rendering: TemplateRenderRequest }): Promise<RenderedJobPayload> {
    const name = input.rendering.name ?? 'jinja2';
    if (name === '') throw new TemplateRequestError('Renderer name is required');
    const renderer = this.renderers.require(name);
    const args = argsOf(input.rendering);
    return new JobPayloadRenderer({
      inline: (template, context) => renderer.render(template, context, args),
      source: async (template, context) => renderer.render(await this.sources.resolve(template), context, args),
    }).renderJob(input);
  }
}

function contextOf(request: TemplateRenderRequest): Record<string, unknown> {
  const context = request.context;
  return context !== null && typeof context === 'object' && !Array.isArray(context) ? context : {};
}

function argsOf(request: TemplateRenderRequest): Record<string, unknown> {
  const args = request.args;
  return args !== null && typeof args === 'object' && !Array.isArray(args) ? (args as Record<string, unknown>) : {};
}
