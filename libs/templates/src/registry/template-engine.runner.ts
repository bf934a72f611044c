import type { TemplateParseRequest, TemplateParser, TemplateRenderer } from './template-plugin.types';

/**
 * Where a render or parse runs. {@link TemplateEngines} looks the engine up in its registry, then hands
 * it here: inline on the calling thread, or by its registered name in a pool of worker threads.
 */
export interface TemplateEngineRunner {
  render(renderer: TemplateRenderer, template: string, context: Record<string, unknown>, options: Record<string, unknown>): Promise<string>;
  parse(parser: TemplateParser, text: string, request: TemplateParseRequest): Promise<unknown>;
  /** Releases what the runner holds (threads). */
  close(): Promise<void>;
}

/** Runs engines on the calling thread: tests, tools and benchmarks that measure the engines alone. */
export class InlineEngineRunner implements TemplateEngineRunner {
  render(renderer: TemplateRenderer, template: string, context: Record<string, unknown>, options: Record<string, unknown>): Promise<string> {
    return renderer.render(template, context, options);
  }

  parse(parser: TemplateParser, text: string, request: TemplateParseRequest): Promise<unknown> {
    return parser.parse(text, request);
  }

  async close(): Promise<void> {
    // Nothing held.
  }
}
