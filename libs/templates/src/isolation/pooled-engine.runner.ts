import type { TemplateEngineRunner } from '../registry/template-engine.runner';
import { TemplateParseError } from '../registry/template-parse.error';
import type { TemplateParseRequest, TemplateParser, TemplateRenderer } from '../registry/template-plugin.types';
import { TemplateError } from '../registry/template.error';
import { TemplateRenderError } from '../render/template-render.error';
import { TemplatePoolError, TemplateWorkerPool } from './template-worker.pool';

/**
 * Runs every engine, built-in or plugin, by its registered name in a {@link TemplateWorkerPool}.
 * Errors come back as the TemplateErrors the engine threw (same name, message and status); a task the
 * pool ended becomes a 400 naming the limit and its config key.
 */
export class PooledEngineRunner implements TemplateEngineRunner {
  constructor(readonly pool: TemplateWorkerPool) {}

  async render(renderer: TemplateRenderer, template: string, context: Record<string, unknown>, options: Record<string, unknown>): Promise<string> {
    try {
      return (await this.pool.run({ context, engine: renderer.name, kind: 'render', options, template })) as string;
    } catch (err) {
      throw this.rethrown(err, 'render');
    }
  }

  async parse(parser: TemplateParser, text: string, request: TemplateParseRequest): Promise<unknown> {
    try {
      return await this.pool.run({ engine: parser.name, kind: 'parse', request, text });
    } catch (err) {
      throw this.rethrown(err, 'parse');
    }
  }

  close(): Promise<void> {
    return this.pool.close();
  }

  private rethrown(err: unknown, kind: 'render' | 'parse'): Error {
    if (!(err instanceof TemplatePoolError)) return err instanceof Error ? err : new Error(String(err));
    const { failure } = err;
    if (failure !== null) return failure.status === null ? Object.assign(new Error(failure.message), { name: failure.name }) : new ThreadTemplateError(failure.name, failure.message, failure.status);
    const what = kind === 'render' ? 'Rendering' : 'Parsing';
    const message =
      err.limit === 'timeout'
        ? `${what} stopped: it ran longer than the limit templates.timeout (${this.pool.timeoutMs / 1000} s)`
        : err.limit === 'memory'
          ? `${what} stopped: it needed more memory than the limit templates.max_memory_mb (${this.pool.maxMemoryMb} MB)`
          : err.limit === 'busy'
            ? `${what} refused: all ${this.pool.size} template threads (templates.pool_size) stayed busy for templates.timeout (${this.pool.timeoutMs / 1000} s); try again later`
            : `${what} failed: ${err.message}`;
    return kind === 'render' ? new TemplateRenderError(message) : new TemplateParseError(message);
  }
}

/** A TemplateError thrown in a pool thread, rebuilt with its name (a job's `error.type`) and status. */
class ThreadTemplateError extends TemplateError {
  constructor(name: string, message: string, status: 400 | 404) {
    super(message, status);
    this.name = name;
  }
}
