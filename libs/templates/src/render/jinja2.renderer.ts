import nunjucks from 'nunjucks';
import type { TemplatePluginOptions, TemplateRenderer } from '../registry/template-plugin.types';
import { refuseUnsupportedSyntax } from './jinja2-syntax.guard';
import { Jinja2Options, readJinja2Options } from './jinja2.options';
import { NunjucksSandbox } from './nunjucks.sandbox';
import { createSandboxEnvironment } from './sandbox-environment.factory';
import { copyTemplateContext } from './template-context.copier';
import { TemplateRenderError } from './template-render.error';

/**
 * Renderer `jinja2` on nunjucks, set up to behave like Jinja2's defaults: no autoescape, an undefined
 * name renders empty, one trailing newline of the template dropped (unless `keep_trailing_newline`),
 * the template's line breaks normalised to `newline_sequence`, Python literals and methods, `None`/
 * `True` printed as Python does. Request templates run in {@link NunjucksSandbox}, each render in an
 * environment of its own ({@link createSandboxEnvironment}) that no other render ever sees; no loader
 * is set, so `include`/`import`/`extends` find nothing. Not served: line statements, `namespace()`, `{% with %}`;
 * loop filters (`for ... if`) and `%` on strings are refused by {@link refuseUnsupportedSyntax} rather
 * than rendered wrong. The spec next to this file shows what is covered.
 */
export class Jinja2Renderer implements TemplateRenderer {
  readonly name = 'jinja2';
  private readonly timeLimitMs: number;

  constructor(options: TemplatePluginOptions = {}) {
    const limit = options.renderTimeLimitMs ?? 5000;
    if (!Number.isFinite(limit) || limit <= 0) throw new TypeError('renderTimeLimitMs must be a finite number greater than 0');
    this.timeLimitMs = limit;
    NunjucksSandbox.install();
  }

  /**
   * @param template the template text (a URL or file source is resolved before this)
   * @param options `rendering.args`: Jinja2 `Template` options in snake_case
   * @throws TemplateRenderError for a bad option, a syntax error or a failure while rendering
   */
  async render(template: string, context: Record<string, unknown>, options: Record<string, unknown>): Promise<string> {
    const opts = readJinja2Options(options);
    const data = copyTemplateContext(context);
    try {
      const source = jinjaSource(template, opts);
      refuseUnsupportedSyntax(source, opts);
      const env = createSandboxEnvironment(opts);
      return NunjucksSandbox.run(this.timeLimitMs, () => new nunjucks.Template(source, env, undefined, true).render(data));
    } catch (err) {
      if (err instanceof TemplateRenderError) throw err;
      throw new TemplateRenderError(`Jinja2 template error: ${cleanMessage(err)}`);
    }
  }
}

/**
 * The source as Jinja2's lexer sees it: line breaks split on `\r\n|\r|\n`, one trailing empty line
 * dropped unless `keep_trailing_newline`, joined with `newline_sequence`. Joining here instead of in
 * the output keeps line breaks that come from variables untouched, as Jinja2 does.
 */
function jinjaSource(template: string, opts: Jinja2Options): string {
  const lines = template.split(/\r\n|\r|\n/);
  if (!opts.keepTrailingNewline && lines[lines.length - 1] === '') lines.pop();
  return lines.join(opts.newlineSequence);
}

/** nunjucks' messages carry `(unknown path)` and a repeated header; keep the position and the cause. */
function cleanMessage(err: unknown): string {
  const raw = err instanceof Error ? err.message : String(err);
  return raw
    .replace(/\(unknown path\)\s*/g, '')
    .replace(/Template render error:\s*/g, '')
    .replace(/\s*\n\s*/g, ' ')
    .replace(/(^|\] )Error: /, '$1')
    .trim();
}
