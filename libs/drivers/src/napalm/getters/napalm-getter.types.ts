import type { ExecContext } from '../../core/device-driver';

/** Runs one CLI command on the device and returns its output (prompt and echo stripped); throws when the device refuses it. */
export type NapalmCli = (command: string) => Promise<string>;

/** A NAPALM getter: the device's CLI in, NAPALM's documented structure out. `args` are the request's `driver_args`. */
export type NapalmGetter = (cli: NapalmCli, args: Record<string, unknown>) => Promise<unknown>;

/** What a configuration flow needs of the session it runs on (the NAPALM session passes itself). */
export interface NapalmConfigTarget {
  readonly host: string;
  /** Applies lines in config mode entered with `enter`; one result per line (exit_status 1 on a refused line). */
  configLines(lines: string[], enter: string, ctx: ConfigContext): Promise<Array<{ command: string; exit_status: number; stderr: unknown }>>;
  /** One exec command's output; throws when the device refused it. */
  text(command: string, ctx: ConfigContext): Promise<string>;
  /** Readies the CLI for a sequence of `interact` calls: stale output dropped, prompt found, enable mode. */
  begin(ctx: ConfigContext): Promise<void>;
  /** One line in the current mode, answering the confirmations it asks; no refusal check. */
  interact(line: string, ctx: ConfigContext, opts?: { confirmations?: ReadonlyArray<{ pattern: RegExp; answer: string }>; timeoutS?: number; anyPrompt?: boolean }): Promise<string>;
  /** Copies a file to the device (SCP). */
  upload(path: string, content: string, ctx: ConfigContext): Promise<void>;
  /** The platform's wording of a refused configuration line. */
  readonly configErrorPattern: RegExp;
}

/** The job's context a configuration flow runs in. */
export type ConfigContext = ExecContext;

/** `commit_config` arguments. */
export interface NapalmCommitOptions {
  readonly message?: string;
  /** Seconds until the device rolls the commit back unless `confirm_commit` comes first. */
  readonly revertIn?: number;
}

/**
 * NAPALM's candidate-configuration operations on one platform, for one job (`name` keeps concurrent
 * jobs' candidates apart). `load` answers the refused line, if any.
 */
export interface NapalmConfigFlow {
  load(t: NapalmConfigTarget, lines: string[], replace: boolean, ctx: ConfigContext): Promise<{ refused?: string }>;
  compare(t: NapalmConfigTarget, ctx: ConfigContext): Promise<string>;
  commit(t: NapalmConfigTarget, opts: NapalmCommitOptions, ctx: ConfigContext): Promise<void>;
  discard(t: NapalmConfigTarget, ctx: ConfigContext): Promise<void>;
  /** Returns to the configuration before the last commit (cancelling a pending commit-confirm). */
  rollback(t: NapalmConfigTarget, ctx: ConfigContext): Promise<void>;
  /** Confirms a pending commit-confirm; throws when there is none. */
  confirmCommit(t: NapalmConfigTarget, ctx: ConfigContext): Promise<void>;
  hasPendingCommit(t: NapalmConfigTarget, ctx: ConfigContext): Promise<boolean>;
}

/** What a platform's configuration supports, checked before anything is sent. */
export interface NapalmConfigSupport {
  flow(name: string): NapalmConfigFlow;
  /** `commit_config(message=...)`: false where NAPALM's driver refuses it too. */
  readonly commitMessage: boolean;
  /** `revert_in` must be a multiple of this many seconds (60 where the device counts minutes); absent: not supported. */
  readonly revertStep?: number;
  /** Longest `revert_in` the device takes, in seconds. */
  readonly revertMax?: number;
  /** Why `revert_in` with a merge is refused (the platform confirms only a replace). */
  readonly revertNeedsReplace?: string;
}

/** One NAPALM platform (`ios`, `eos`, ...) over the SSH CLI of a netmiko platform profile. */
export interface NapalmPlatform {
  /** NAPALM driver name. */
  readonly name: string;
  /** The netmiko `device_type` whose CLI profile drives the session. */
  readonly cliDeviceType: string;
  readonly getters: Readonly<Record<string, NapalmGetter>>;
  /** Output that means the device refused a command (default: the Cisco-style `% Invalid input ...`). */
  readonly refusal?: RegExp;
  /** Absent: the platform has no candidate this server can use; config answers why. */
  readonly config?: NapalmConfigSupport;
  /** Why config is refused when there is no candidate store. */
  readonly noCandidateReason?: string;
}
