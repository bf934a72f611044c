/** Shared construction options of the template plugins (from the `templates` config section). */
export interface TemplatePluginOptions {
  /** Folder with the ntc-templates `index` (`templates.ntc_dir`). Default: the bundled copy. */
  readonly ntcDir?: string | null;
  /** Longest a single render may run, milliseconds. Default 5000. */
  readonly renderTimeLimitMs?: number;
}

/** `rendering` of a request, or the body of `/template/render`. Extra keys allowed. */
export interface TemplateRenderRequest {
  readonly name?: string | null;
  /** Template source: inline text, `http(s)://` or `file://`. */
  readonly template?: string | null;
  readonly context?: Record<string, unknown> | null;
  /** Engine options, e.g. Jinja2 `Template` arguments (`trim_blocks`, ...). */
  readonly args?: unknown;
  readonly [extra: string]: unknown;
}

/** `parsing` of a request, or the body of `/template/parse`. Extra keys allowed. */
export interface TemplateParseRequest {
  readonly name?: string | null;
  /** Template source; may be omitted when an index lookup is asked (docs/compatibility.md: Parsing with an index lookup needs no template). */
  readonly template?: string | null;
  /** At `/template/parse`: the text to parse. Ignored on a job (each result's stdout is parsed). */
  readonly context?: string | null;
  readonly use_ntc_template?: boolean | null;
  readonly ntc_template_args?: Record<string, unknown> | null;
  readonly [extra: string]: unknown;
}

/** A template engine that turns a context into text (kind `renderer`). */
export interface TemplateRenderer {
  readonly name: string;
  /**
   * @param template the template text; a URL or `file://` source is already resolved
   * @param options the request's engine options (`rendering.args`), `{}` when absent
   * @throws TemplateRenderError (or another TemplateError) naming what is wrong
   */
  render(template: string, context: Record<string, unknown>, options: Record<string, unknown>): Promise<string>;
}

/** A template engine that turns device output into data (kind `parser`). */
export interface TemplateParser {
  readonly name: string;
  /**
   * @param request the parse request, its `template` already resolved to text when one was given
   * @throws TemplateParseError (or another TemplateError) naming what is wrong
   */
  parse(text: string, request: TemplateParseRequest): Promise<unknown>;
}
