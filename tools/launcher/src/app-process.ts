import { ChildProcess, spawn } from 'node:child_process';
import { createWriteStream, WriteStream } from 'node:fs';
import { join } from 'node:path';

export type AppRole = 'controller' | 'fifo-worker' | 'node-worker';

export interface AppProcessOptions {
  role: AppRole;
  /** Label in output and log file name, e.g. `node-worker-2`. */
  label: string;
  /** Workspace root holding `dist/`. */
  root: string;
  env: NodeJS.ProcessEnv;
  /** Working directory of the process (relative paths such as `.netpulse/` resolve there); default `root`. */
  cwd?: string;
  /** Where to append the raw output; absent: nothing is written. */
  logFile?: string;
  /** Called with each output line (the launcher pretty-prints; tests may ignore). */
  onLine?: (label: string, line: string) => void;
}

/** One app of the system as a child process of its own, running the compiled `dist/apps/<role>/src/main.js`. */
export class AppProcess {
  child: ChildProcess | null = null;
  private log: WriteStream | null = null;

  constructor(readonly opts: AppProcessOptions) {}

  get pid(): number | undefined {
    return this.child?.pid;
  }

  start(): ChildProcess {
    const main = join(this.opts.root, 'dist', 'apps', this.opts.role, 'src', 'main.js');
    if (this.opts.logFile && !this.log) this.log = createWriteStream(this.opts.logFile, { flags: 'a' });
    const child = spawn(process.execPath, ['--enable-source-maps', main], { cwd: this.opts.cwd ?? this.opts.root, env: this.opts.env, stdio: ['ignore', 'pipe', 'pipe'] });
    for (const stream of [child.stdout, child.stderr]) {
      let rest = '';
      stream?.on('data', (d: Buffer) => {
        this.log?.write(d);
        rest += d.toString('utf8');
        const lines = rest.split('\n');
        rest = lines.pop() ?? '';
        for (const l of lines) if (l) this.opts.onLine?.(this.opts.label, l);
      });
    }
    this.child = child;
    return child;
  }

  /** Sends a signal; resolves when the process has exited (or at once if not running). */
  stop(signal: NodeJS.Signals = 'SIGTERM', graceMs = 10_000): Promise<void> {
    const child = this.child;
    if (!child || child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
    return new Promise((resolve) => {
      const t = setTimeout(() => child.kill('SIGKILL'), graceMs);
      child.once('exit', () => {
        clearTimeout(t);
        resolve();
      });
      child.kill(signal);
    });
  }

  closeLog(): void {
    this.log?.end();
    this.log = null;
  }
}
