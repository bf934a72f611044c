/** Runs one CLI command on the device and returns its output (prompt and echo stripped); throws when the device refuses it. */
export type NapalmCli = (command: string) => Promise<string>;

/** A NAPALM getter: the device's CLI in, NAPALM's documented structure out. `args` are the request's `driver_args`. */
export type NapalmGetter = (cli: NapalmCli, args: Record<string, unknown>) => Promise<unknown>;

/** How a platform stages configuration: a candidate it can diff, commit and discard. */
export interface NapalmCandidateStore {
  /** Command that enters a named candidate in config mode. */
  enter(name: string): string;
  /** Exec command printing the candidate's diff against the running config. */
  diff(name: string): string;
  commit(name: string): string;
  discard(name: string): string;
}

/** One NAPALM platform (`ios`, `eos`, ...) over the SSH CLI of a netmiko platform profile. */
export interface NapalmPlatform {
  /** NAPALM driver name. */
  readonly name: string;
  /** The netmiko `device_type` whose CLI profile drives the session. */
  readonly cliDeviceType: string;
  readonly getters: Readonly<Record<string, NapalmGetter>>;
  /** Absent: the platform has no candidate this server can use; config answers why. */
  readonly candidate?: NapalmCandidateStore;
  /** Why config is refused when there is no candidate store. */
  readonly noCandidateReason?: string;
}
