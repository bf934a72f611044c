/**
 * Everything a bench run started (Redis, simulator, system processes), stopped in reverse order
 * whether the run ends normally, fails, or is interrupted with Ctrl-C / SIGTERM.
 */
export class TeardownRegistry {
  private readonly steps: { name: string; fn: () => Promise<void> }[] = [];
  private running: Promise<void> | null = null;
  /** Set on Ctrl-C / SIGTERM: no new scenario starts. */
  interrupted = false;

  constructor(private readonly log: (m: string) => void) {}

  /** Registers a cleanup; returns a function that runs it now (and removes it from the list). */
  add(name: string, fn: () => Promise<void>): () => Promise<void> {
    const step = { name, fn };
    this.steps.push(step);
    return async () => {
      const i = this.steps.indexOf(step);
      if (i < 0) return;
      this.steps.splice(i, 1);
      await fn();
    };
  }

  /** Runs every cleanup still registered, newest first; one failing does not stop the others. */
  runAll(): Promise<void> {
    this.running ??= (async () => {
      while (this.steps.length > 0) {
        const step = this.steps.pop();
        if (!step) break;
        try {
          await step.fn();
        } catch (err) {
          this.log(`teardown of ${step.name} failed: ${err instanceof Error ? err.message : String(err)}`);
        }
      }
    })();
    return this.running;
  }

  /** On Ctrl-C or SIGTERM: tear everything down, then exit 130 / 143. */
  trapSignals(): void {
    const onSignal = (signal: NodeJS.Signals, code: number): void => {
      this.interrupted = true;
      this.log(`${signal}: tearing down`);
      void this.runAll().finally(() => process.exit(code));
    };
    process.once('SIGINT', () => onSignal('SIGINT', 130));
    process.once('SIGTERM', () => onSignal('SIGTERM', 143));
  }
}
