/**
 * What a simulated device has seen, for tests and benchmarks to assert on. Plain fields: read
 * them at any time; `reset()` between test cases.
 */
export class DeviceCounters {
  /** Authentication attempts rejected (wrong password or key, `failAuth`). */
  authFailures = 0;
  /** Every non-empty command line entered, exec requests included (never passwords typed at `Password:`). */
  commandCount = 0;
  /** The most recent commands, oldest first: at least the last `commandHistory` of them, at most twice that. */
  readonly commands: string[] = [];
  /** Configuration statements accepted (sub-mode headers, `no`/`undo`/`set`/`delete` lines). */
  configLines = 0;
  /** Successful authentications. */
  logins = 0;
  /** `write memory` / `copy running-config startup-config` / `save` / `commit` on Junos. */
  saves = 0;
  /** SSH connections open now. */
  sessionsOpen = 0;
  /** Connections closed at accept because `maxSessions` were open. */
  sessionsRejected = 0;
  /** SSH connections accepted since start. */
  sessionsTotal = 0;

  constructor(private readonly historyLimit: number) {}

  recordCommand(command: string): void {
    this.commandCount += 1;
    if (this.historyLimit === 0) return;
    this.commands.push(command);
    // Trim in batches so a busy benchmark device does not shift the array on every command.
    if (this.commands.length > this.historyLimit * 2) this.commands.splice(0, this.commands.length - this.historyLimit);
  }

  /** Zeroes everything except `sessionsOpen`, which describes the present. */
  reset(): void {
    this.authFailures = 0;
    this.commandCount = 0;
    this.commands.length = 0;
    this.configLines = 0;
    this.logins = 0;
    this.saves = 0;
    this.sessionsRejected = 0;
    this.sessionsTotal = 0;
  }
}
