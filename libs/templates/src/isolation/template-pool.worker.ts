import { readlinkSync } from 'node:fs';
import { setPriority } from 'node:os';
import { parentPort, workerData } from 'node:worker_threads';
import { TemplateParserRegistry } from '../registry/template-parser.registry';
import type { TemplateParser, TemplateRenderer } from '../registry/template-plugin.types';
import { TemplateRendererRegistry } from '../registry/template-renderer.registry';
import { TemplateError } from '../registry/template.error';
import type { TemplateTaskFailure, TemplateTaskMessage, TemplateTaskReply, TemplateThreadData } from './template-task.types';

/**
 * Entry of a template pool thread: the built-in engines plus the plugin engines named in
 * `engineModules`, each looked up by the name the task carries. One task at a time; a task that runs
 * too long or too big is ended from outside by terminating this thread.
 */
const data = workerData as TemplateThreadData;
lowerThreadPriority(data.nice);
const options = { ntcDir: data.ntcDir, renderTimeLimitMs: data.renderTimeLimitMs };
const renderers = TemplateRendererRegistry.withBuiltins(options);
const parsers = TemplateParserRegistry.withBuiltins(options);
for (const path of data.engineModules) {
  // eslint-disable-next-line @typescript-eslint/no-require-imports -- plugin modules are CommonJS files named in config
  const manifest = (require(path) as { netpulsePlugin?: { renderers?: TemplateRenderer[]; parsers?: TemplateParser[] } }).netpulsePlugin;
  for (const renderer of manifest?.renderers ?? []) renderers.register(renderer);
  for (const parser of manifest?.parsers ?? []) parsers.register(parser);
}

parentPort?.on('message', (task: TemplateTaskMessage) => {
  void run(task).then((reply) => parentPort?.postMessage(reply));
});
// Loaded: from now on a task's time is its own, not this thread's start-up.
parentPort?.postMessage({ ready: true });

async function run(task: TemplateTaskMessage): Promise<TemplateTaskReply> {
  try {
    const value =
      task.kind === 'render'
        ? await renderers.require(task.engine).render(task.template, task.context, task.options)
        : await parsers.require(task.engine).parse(task.text, task.request);
    const size = typeof value === 'string' ? Buffer.byteLength(value) : Buffer.byteLength(JSON.stringify(value) ?? '');
    if (size > data.maxOutputBytes) return { error: overOutputLimit(task.kind, size), id: task.id, ok: false };
    return { id: task.id, ok: true, value };
  } catch (err) {
    return { error: failure(err), id: task.id, ok: false };
  }
}

/**
 * Runs this thread at a lower CPU priority (Linux: `setpriority` on a thread id affects that thread
 * only). A runaway template then mostly burns CPU nothing else wants: the process's own event loop,
 * the other apps and the devices' sessions go first until the time limit ends it.
 */
function lowerThreadPriority(nice: number): void {
  if (nice <= 0) return;
  try {
    const tid = Number(readlinkSync('/proc/thread-self').split('/').pop());
    if (Number.isInteger(tid) && tid > 0) setPriority(tid, nice);
  } catch {
    // Not Linux, or not allowed: the thread keeps the process's priority.
  }
}

function overOutputLimit(kind: 'render' | 'parse', size: number): TemplateTaskFailure {
  return {
    message: `The ${kind === 'render' ? 'rendered text' : 'parsed result'} is ${size} bytes, over the limit templates.max_output_bytes (${data.maxOutputBytes})`,
    name: kind === 'render' ? 'TemplateRenderError' : 'TemplateParseError',
    status: 400,
  };
}

function failure(err: unknown): TemplateTaskFailure {
  if (err instanceof TemplateError) return { message: err.message, name: err.name, status: err.status };
  if (err instanceof Error) return { message: err.message, name: err.name, status: null };
  return { message: String(err), name: 'Error', status: null };
}
