import type { TemplateParseRequest } from '../registry/template-plugin.types';

/** One render or parse sent to a pool thread, naming the engine as registered. */
export type TemplateTask =
  | {
      readonly kind: 'render';
      readonly engine: string;
      readonly template: string;
      readonly context: Record<string, unknown>;
      readonly options: Record<string, unknown>;
    }
  | {
      readonly kind: 'parse';
      readonly engine: string;
      readonly text: string;
      readonly request: TemplateParseRequest;
    };

/** A task as posted to a thread. */
export type TemplateTaskMessage = TemplateTask & { readonly id: number };

/** An error thrown in a thread, as it crosses back: the TemplateError's name, message and status. */
export interface TemplateTaskFailure {
  readonly name: string;
  readonly message: string;
  /** The HTTP status of a TemplateError; null for any other error (a bug in an engine). */
  readonly status: 400 | 404 | null;
}

/** A thread's answer to one task. */
export type TemplateTaskReply = { readonly id: number; readonly ok: true; readonly value: unknown } | { readonly id: number; readonly ok: false; readonly error: TemplateTaskFailure };

/** What a thread posts: `ready` once when its engines are loaded, then one reply per task. */
export type TemplateThreadMessage = TemplateTaskReply | { readonly ready: true };

/** What a pool thread is started with (`workerData`). */
export interface TemplateThreadData {
  /** ntc-templates folder (`templates.ntc_dir`); null: the bundled copy. */
  readonly ntcDir: string | null;
  /** The render time limit the engines check themselves, milliseconds. */
  readonly renderTimeLimitMs: number;
  /** Largest result a task may send back, bytes. */
  readonly maxOutputBytes: number;
  /**
   * Modules (resolved paths) exporting `netpulsePlugin` whose `renderers` and `parsers` register in the
   * thread's registries beside the built-ins, so a plugin's engine runs in the pool too.
   */
  readonly engineModules: readonly string[];
  /** Niceness of the thread, 0 (the process's priority) to 19 (the lowest); Linux only. */
  readonly nice: number;
}
