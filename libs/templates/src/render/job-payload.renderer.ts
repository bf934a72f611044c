import { TemplateRequestError } from '../registry/template-request.error';
import { renderToLines } from './render-to-lines.splitter';

/** What a job carries for rendering, as the worker reads it from the request. */
export interface JobPayloadInput {
  /** `config` when the request sets it, else `command`: an object (template context), a string, a list or null. */
  readonly payload: unknown;
  /** The request's `rendering`. */
  readonly rendering: { readonly template?: string | null; readonly context?: Record<string, unknown> | null };
  readonly driver_args: Record<string, unknown> | null;
  readonly file_transfer: Record<string, unknown> | null;
}

export interface RenderedJobPayload {
  /** The lines to send or configure, one per rendered line (docs/compatibility.md: A rendered template is one line per command). */
  readonly lines: string[];
  /** `driver_args` with `script_content` rendered; the input object when there was nothing to render. */
  readonly driver_args: Record<string, unknown> | null;
  /** `file_transfer` with `remote_path` and `local_path` rendered. */
  readonly file_transfer: Record<string, unknown> | null;
}

/** Renders one template (a source: resolved first) or one inline string with the job's engine and options. */
export interface JobTemplateRender {
  source(template: string, context: Record<string, unknown>): Promise<string>;
  inline(template: string, context: Record<string, unknown>): Promise<string>;
}

/**
 * The rendering step of a job (its first step; one line per rendered line, see docs/compatibility.md):
 * - an object payload is merged over `rendering.context` (its keys win) and `rendering.template` is rendered;
 * - a string or list payload with no `rendering.template` is itself the template (a list joined with `\n`);
 *   with a `rendering.template`, that template is rendered and the payload is replaced;
 * - the result is split into lines ({@link renderToLines}), not sent as one string as in the original;
 * - `driver_args.script_content`, `file_transfer.remote_path` and `.local_path` are rendered, as inline
 *   text (never fetched as a URL or file), with the same context.
 * @throws TemplateError (render, source, request, unknown engine): the job fails with it
 */
export class JobPayloadRenderer {
  constructor(private readonly render: JobTemplateRender) {}

  async renderJob(input: JobPayloadInput): Promise<RenderedJobPayload> {
    const base = isRecord(input.rendering.context) ? input.rendering.context : {};
    const { payload } = input;
    const given = typeof input.rendering.template === 'string' && input.rendering.template !== '' ? input.rendering.template : null;
    let context = base;
    let template: string | null = given;
    if (isRecord(payload)) {
      context = { ...base, ...payload };
      if (template === null) throw new TemplateRequestError('Template source is required: an object command/config needs rendering.template');
    } else if (template === null && typeof payload === 'string') {
      template = payload;
    } else if (template === null && Array.isArray(payload)) {
      template = payload.map(String).join('\n');
    }
    const lines = template === null ? [] : renderToLines(await this.render.source(template, context));
    return {
      driver_args: await this.renderFields(input.driver_args, ['script_content'], context),
      file_transfer: await this.renderFields(input.file_transfer, ['remote_path', 'local_path'], context),
      lines,
    };
  }

  private async renderFields(
    target: Record<string, unknown> | null,
    fields: readonly string[],
    context: Record<string, unknown>,
  ): Promise<Record<string, unknown> | null> {
    if (target === null) return null;
    let out = target;
    for (const field of fields) {
      const value = target[field];
      if (typeof value === 'string' && value !== '') out = { ...out, [field]: await this.render.inline(value, context) };
    }
    return out;
  }
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}
