import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { Worker } from 'node:worker_threads';
import type { TemplateTask, TemplateTaskFailure, TemplateTaskReply, TemplateThreadData, TemplateThreadMessage } from './template-task.types';

/** Options of a {@link TemplateWorkerPool} (the `templates` config section). */
export interface TemplatePoolOptions {
  /** Threads at most (`templates.pool_size`); created on first use. Default 2. */
  readonly size?: number;
  /** Wall-clock limit of one render or parse, milliseconds (`templates.timeout`). Default 5000. */
  readonly timeoutMs?: number;
  /** Heap limit of each thread, MB (`templates.max_memory_mb`). Default 128. */
  readonly maxMemoryMb?: number;
  /** Largest result one task may return, bytes (`templates.max_output_bytes`). Default 16 MiB. */
  readonly maxOutputBytes?: number;
  /** A thread with nothing to do exits after this long, milliseconds. Default 60000. */
  readonly idleMs?: number;
  /** ntc-templates folder; null or absent: the bundled copy. */
  readonly ntcDir?: string | null;
  /** Resolved module paths whose `netpulsePlugin` renderers and parsers run in the pool too. */
  readonly engineModules?: readonly string[];
  /**
   * Niceness of the threads (`templates.thread_nice`), 0 (the process's own priority) to 19 (the
   * lowest); Linux only. Default 10: a runaway template yields to the event loop and the other apps,
   * yet a render still gets CPU on a machine that is busy with other work.
   */
  readonly threadNice?: number;
}

/** Why a task was ended from outside its thread (`busy`: it waited `timeoutMs` for a free thread). */
export type TemplatePoolLimit = 'timeout' | 'memory' | 'crash' | 'busy';

/** A task the pool ended (time or memory limit, thread crash), or an error thrown inside the thread. */
export class TemplatePoolError extends Error {
  constructor(
    readonly limit: TemplatePoolLimit | null,
    message: string,
    /** The error as thrown in the thread; null when the pool ended the task. */
    readonly failure: TemplateTaskFailure | null = null,
  ) {
    super(message);
    this.name = failure?.name ?? 'TemplatePoolError';
  }
}

interface Pending {
  readonly id: number;
  readonly task: TemplateTask;
  readonly resolve: (value: unknown) => void;
  readonly reject: (err: TemplatePoolError) => void;
  /** Ends the wait for a thread; cleared when a thread takes the task. */
  waiting: NodeJS.Timeout | null;
}

interface Slot {
  readonly worker: Worker;
  state: 'starting' | 'idle' | 'busy';
  running: Pending | null;
  timer: NodeJS.Timeout | null;
}

/** A thread that ignores its time limit (a regex that never yields) is terminated this much later. */
const GRACE_MS = 250;

/**
 * Worker threads that run renders and parses of user-supplied templates off the event loop of the
 * process serving HTTP, leases and jobs. Each thread takes one task at a time; a task running past
 * `timeoutMs` (+{@link GRACE_MS}) has its thread terminated, which is the only way to stop a
 * catastrophic regex. Threads start on first use, have a heap cap (`resourceLimits`), and exit when
 * idle, so an app that never renders pays nothing.
 */
export class TemplateWorkerPool {
  readonly size: number;
  readonly timeoutMs: number;
  readonly maxMemoryMb: number;
  private readonly idleMs: number;
  private readonly data: TemplateThreadData;
  private readonly slots = new Set<Slot>();
  private readonly queue: Pending[] = [];
  private nextId = 1;
  private closed = false;

  constructor(options: TemplatePoolOptions = {}) {
    this.size = positive('size', options.size ?? 2);
    this.timeoutMs = positive('timeoutMs', options.timeoutMs ?? 5000);
    this.maxMemoryMb = positive('maxMemoryMb', options.maxMemoryMb ?? 128);
    this.idleMs = positive('idleMs', options.idleMs ?? 60_000);
    this.data = {
      engineModules: [...(options.engineModules ?? [])],
      maxOutputBytes: positive('maxOutputBytes', options.maxOutputBytes ?? 16 * 1024 * 1024),
      nice: threadNice(options.threadNice ?? 10),
      ntcDir: options.ntcDir ?? null,
      renderTimeLimitMs: this.timeoutMs,
    };
  }

  /** Threads alive now, busy ones, and tasks waiting for a thread. */
  stats(): { threads: number; busy: number; queued: number } {
    return { busy: [...this.slots].filter((s) => s.state === 'busy').length, queued: this.queue.length, threads: this.slots.size };
  }

  /**
   * Runs one task in a thread.
   * @throws TemplatePoolError: `limit` set when the pool ended it, `failure` when the engine threw
   */
  run(task: TemplateTask): Promise<unknown> {
    if (this.closed) return Promise.reject(new TemplatePoolError('crash', 'the template pool is closed'));
    return new Promise((resolve, reject) => {
      const pending: Pending = { id: this.nextId++, reject, resolve, task, waiting: null };
      // A flood of runaway templates must not queue up work for hours: a task that found no free
      // thread within the time limit is refused instead.
      const refuse = (): void => {
        const at = this.queue.indexOf(pending);
        if (at < 0) return;
        // A thread still starting is not a busy one: wait for it (start-up is slow on a loaded machine).
        if (this.slots.size < this.size || [...this.slots].some((slot) => slot.state !== 'busy')) {
          pending.waiting = setTimeout(refuse, this.timeoutMs);
          return;
        }
        this.queue.splice(at, 1);
        reject(new TemplatePoolError('busy', `every template thread stayed busy for ${this.timeoutMs} ms`));
      };
      pending.waiting = setTimeout(refuse, this.timeoutMs);
      this.queue.push(pending);
      this.dispatch();
    });
  }

  /** Terminates every thread; waiting and running tasks fail. */
  async close(): Promise<void> {
    this.closed = true;
    for (const p of this.queue.splice(0)) {
      if (p.waiting) clearTimeout(p.waiting);
      p.reject(new TemplatePoolError('crash', 'the template pool is closed'));
    }
    await Promise.all([...this.slots].map((slot) => this.retire(slot, new TemplatePoolError('crash', 'the template pool is closed'))));
  }

  private dispatch(): void {
    while (this.queue.length > 0) {
      const slot = [...this.slots].find((s) => s.state === 'idle');
      if (!slot) {
        if (this.slots.size < this.size) this.spawn();
        return;
      }
      this.assign(slot, this.queue.shift() as Pending);
    }
  }

  private spawn(): void {
    const worker = new Worker(threadEntry(), {
      resourceLimits: { maxOldGenerationSizeMb: this.maxMemoryMb, maxYoungGenerationSizeMb: Math.min(16, this.maxMemoryMb), stackSizeMb: 4 },
      workerData: this.data,
    });
    worker.unref();
    const slot: Slot = { running: null, state: 'starting', timer: null, worker };
    this.slots.add(slot);
    worker.on('message', (message: TemplateThreadMessage) => {
      if (!('ready' in message)) return this.settle(slot, message);
      slot.state = 'idle';
      this.idle(slot);
      this.dispatch();
    });
    worker.on('error', (err: Error & { code?: string }) => {
      const memory = err.code === 'ERR_WORKER_OUT_OF_MEMORY';
      const failed = new TemplatePoolError(memory ? 'memory' : 'crash', memory ? `it needed more than ${this.maxMemoryMb} MB of memory` : `the thread failed: ${err.message}`);
      // A thread that cannot even start (a plugin module that throws) fails the task that waited for it.
      if (slot.state === 'starting') {
        const first = this.queue.shift();
        if (first?.waiting) clearTimeout(first.waiting);
        first?.reject(failed);
      }
      void this.retire(slot, failed);
    });
    worker.on('exit', () => void this.retire(slot, new TemplatePoolError('crash', 'the thread exited')));
  }

  private assign(slot: Slot, pending: Pending): void {
    if (pending.waiting) clearTimeout(pending.waiting);
    if (slot.timer) clearTimeout(slot.timer);
    slot.state = 'busy';
    slot.running = pending;
    slot.timer = setTimeout(() => void this.retire(slot, new TemplatePoolError('timeout', `it ran longer than ${this.timeoutMs} ms`)), this.timeoutMs + GRACE_MS);
    slot.worker.postMessage({ ...pending.task, id: pending.id });
  }

  private settle(slot: Slot, reply: TemplateTaskReply): void {
    const pending = slot.running;
    if (!pending || pending.id !== reply.id) return;
    if (slot.timer) clearTimeout(slot.timer);
    slot.running = null;
    slot.state = 'idle';
    if (reply.ok) pending.resolve(reply.value);
    else pending.reject(new TemplatePoolError(null, reply.error.message, reply.error));
    this.idle(slot);
    this.dispatch();
  }

  /** An idle thread exits after `idleMs`, giving its memory back. */
  private idle(slot: Slot): void {
    slot.timer = setTimeout(() => void this.retire(slot, new TemplatePoolError('crash', 'the thread was idle')), this.idleMs);
  }

  /** Removes a thread: its running task (if any) fails with `reason`. */
  private async retire(slot: Slot, reason: TemplatePoolError): Promise<void> {
    if (!this.slots.delete(slot)) return;
    if (slot.timer) clearTimeout(slot.timer);
    const running = slot.running;
    slot.running = null;
    running?.reject(reason);
    await slot.worker.terminate().catch(() => undefined);
    if (!this.closed) this.dispatch();
  }
}

/**
 * The compiled thread entry: beside this file in `dist/`, or beside the bundle of a deployed app (an
 * extra entry point of its esbuild build); from the TypeScript sources (tests), the built copy.
 */
function threadEntry(): string {
  for (const name of ['template-pool.worker.js', 'template-pool.worker.cjs']) {
    const beside = join(__dirname, name);
    if (existsSync(beside)) return beside;
  }
  const built = __dirname.replace(/([\\/])libs([\\/])templates([\\/])src/, '$1dist$1libs$2templates$3src');
  return join(built, 'template-pool.worker.js');
}

function threadNice(value: number): number {
  if (!Number.isInteger(value) || value < 0 || value > 19) throw new TypeError('threadNice must be an integer from 0 to 19');
  return value;
}

function positive(name: string, value: number): number {
  if (!Number.isFinite(value) || value <= 0) throw new TypeError(`${name} must be a finite number greater than 0`);
  return value;
}
