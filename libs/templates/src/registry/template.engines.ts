import { NtcTemplateStore } from '../ntc/ntc-template.store';
import { JobPayloadInput, JobPayloadRenderer, RenderedJobPayload } from '../render/job-payload.renderer';
import { TemplateRenderError } from '../render/template-render.error';
import { TemplateSourceOptions, TemplateSourceResolver } from '../sources/template-source.resolver';
import { InlineEngineRunner, TemplateEngineRunner } from './template-engine.runner';
import { TemplateParseError } from './template-parse.error';
import type { TemplateParseRequest, TemplatePluginOptions, TemplateRenderRequest } from './template-plugin.types';
import { TemplateParserRegistry } from './template-parser.registry';
import { TemplateRendererRegistry } from './template-renderer.registry';
import { TemplateRequestError } from './template-request.error';

export type TemplateEnginesOptions = TemplateSourceOptions & TemplatePluginOptions;

/** Default of `templates.max_bytes`: the largest template text accepted, inline or fetched. */
export const DEFAULT_MAX_TEMPLATE_BYTES = 1024 * 1024;

/** A parser bound to one request, its template fetched and compiled once, for every result of a job. */
export type PreparedParser = (text: unknown) => Promise<unknown>;

/**
 * What the apps call for templates: the two registries plus source loading, with the contract's
 * checks in the original's order. Every failure is a TemplateError whose `status` is the HTTP
 * status `/template/*` answers with; on a job, its `name` is the job's `error.type`. Engines run
 * through a {@link TemplateEngineRunner}: in the apps, a pool of worker threads, by registered name.
 */
export class TemplateEngines {
  private readonly maxTemplateBytes: number;

  constructor(
    readonly parsers: TemplateParserRegistry,
    readonly renderers: TemplateRendererRegistry,
    private readonly sources: TemplateSourceResolver,
    /** Folder of the ntc-templates index (`templates.ntc_dir`); default the bundled copy. */
    private readonly ntcDir: string | null = null,
    readonly runner: TemplateEngineRunner = new InlineEngineRunner(),
    maxTemplateBytes: number = DEFAULT_MAX_TEMPLATE_BYTES,
  ) {
    if (!Number.isFinite(maxTemplateBytes) || maxTemplateBytes <= 0) throw new TypeError('maxTemplateBytes must be a finite number greater than 0');
    this.maxTemplateBytes = maxTemplateBytes;
  }

  /** Built-in engines run on the calling thread, or through `runner` (e.g. a {@link PooledEngineRunner}). */
  static withBuiltins(options: TemplateEnginesOptions, runner?: TemplateEngineRunner): TemplateEngines {
    return new TemplateEngines(
      TemplateParserRegistry.withBuiltins(options),
      TemplateRendererRegistry.withBuiltins(options),
      new TemplateSourceResolver(options),
      options.ntcDir ?? null,
      runner,
      options.maxBytes ?? DEFAULT_MAX_TEMPLATE_BYTES,
    );
  }

  /** Stops the runner's threads (app shutdown). */
  async onModuleDestroy(): Promise<void> {
    await this.runner.close();
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
    const text = this.sized(await this.sources.resolve(template), 'render');
    return this.runner.render(renderer, text, contextOf(request), argsOf(request));
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
    const template = !indexMode && typeof request.template === 'string' && request.template !== '' ? this.sized(await this.sources.resolve(request.template), 'parse') : request.template;
    const bound: TemplateParseRequest = { ...request, context: null, template };
    return async (text: unknown) => {
      if (typeof text !== 'string') throw new TemplateParseError(`Only text output can be parsed, got ${text === null ? 'null' : typeof text}`);
      return this.runner.parse(parser, text, bound);
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
      inline: (template, context) => this.runner.render(renderer, this.sized(template, 'render'), context, args),
      source: async (template, context) => this.runner.render(renderer, this.sized(await this.sources.resolve(template), 'render'), context, args),
    }).renderJob(input);
  }

  /** @throws TemplateRenderError / TemplateParseError naming `templates.max_bytes` for a template over it */
  private sized(template: string, kind: 'render' | 'parse'): string {
    // UTF-8 is at most 3 bytes per UTF-16 unit: most templates are judged without encoding them.
    if (template.length * 3 <= this.maxTemplateBytes) return template;
    const bytes = Buffer.byteLength(template);
    if (bytes <= this.maxTemplateBytes) return template;
    const message = `The template is ${bytes} bytes, over the limit templates.max_bytes (${this.maxTemplateBytes})`;
    throw kind === 'render' ? new TemplateRenderError(message) : new TemplateParseError(message);
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
