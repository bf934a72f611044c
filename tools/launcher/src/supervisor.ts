import { AppProcess, AppProcessOptions } from './app-process';

/**
 * Keeps the system's processes running: restarts a child that crashed (with backoff up to 30 s),
 * leaves alone one that exited 0 (it was asked to shut down), and stops all on SIGTERM/SIGINT.
 */
export class Supervisor {
  private readonly apps: AppProcess[] = [];
  private stopping = false;

  constructor(private readonly log: (m: string) => void) {}

  add(opts: AppProcessOptions): AppProcess {
    const app = new AppProcess(opts);
    this.apps.push(app);
    this.run(app, 0);
    return app;
  }

  private run(app: AppProcess, failures: number): void {
    const startedAt = Date.now();
    const child = app.start();
    child.once('exit', (code, signal) => {
      if (this.stopping) return;
      if (code === 0) {
        this.log(`${app.opts.label} exited cleanly (shut down on request); not restarting`);
        return;
      }
      const n = Date.now() - startedAt > 60_000 ? 0 : failures + 1;
      const delay = Math.min(30_000, 500 * 2 ** Math.min(n, 6));
      this.log(`${app.opts.label} stopped (${signal ?? `exit ${code}`}); restarting in ${(delay / 1000).toFixed(1)}s`);
      setTimeout(() => {
        if (!this.stopping) this.run(app, n);
      }, delay);
    });
  }

  async stopAll(signal: NodeJS.Signals = 'SIGTERM'): Promise<void> {
    this.stopping = true;
    await Promise.all(this.apps.map((a) => a.stop(signal)));
  }
}
