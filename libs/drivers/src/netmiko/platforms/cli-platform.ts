/** How to answer a confirmation a command asks for (`[Y/N]`, `[confirm]`). */
export interface Confirmation {
  pattern: RegExp;
  answer: string;
}

/**
 * What the netmiko-compatible driver needs to know about one CLI family. A new platform is one
 * object of this shape in one `*.profile.ts` file, listed in the registry.
 */
export interface CliPlatform {
  /** netmiko `device_type` names served by this profile. */
  readonly deviceTypes: readonly string[];
  /** Matches a whole prompt line (the last line of the buffer, right-trimmed). */
  readonly promptPattern: RegExp;
  /** The stable part of a prompt, used to recognise this device's prompt in any mode. */
  basePrompt(prompt: string): string;
  /** Characters a prompt of this device may end with after the base (modes, sub-modes). */
  readonly promptEnd: string;
  /** Commands that turn paging off for the session (and widen the terminal). */
  readonly sessionSetup: readonly string[];
  /** Privileged mode, where the platform has one. */
  readonly enable?: { command: string; passwordPrompt: RegExp; isEnabled: (prompt: string) => boolean };
  readonly configEnter: string;
  readonly configExit: string;
  isConfigPrompt(prompt: string): boolean;
  /** Platforms whose changes take effect on commit (Junos, IOS XR). */
  readonly commit?: string;
  /** Command that saves the running configuration; with the confirmations it may ask. */
  readonly save?: { command: string; confirmations: readonly Confirmation[] };
  /**
   * Output that means a config line was refused, in this platform's own wording. The request's
   * `driver_args.error_pattern` replaces it.
   */
  readonly errorPattern: RegExp;
  /** `--More--` style prompts this platform prints when paging is on. */
  readonly pagerPattern: RegExp;
}

/**
 * The original's config error check, case-insensitive: `% Unrecognized command`, `% Wrong parameter`,
 * `% Incomplete command`, `% Invalid input`, `% Ambiguous command`, a `^` marker, `Error:`.
 * Every Cisco-style profile matches at least this.
 */
export const ORIGINAL_CONFIG_ERROR = /% ?(Unrecognized command|Wrong parameter|Incomplete command|Invalid input|Ambiguous command)|\^|Invalid input detected|Error:/i;

/** Prompts of the pagers seen on common platforms. */
export const COMMON_PAGERS = /(-+ ?\(?more\)? ?-+|--More--|---- More ----)\s*$/i;

export function escapeRegExp(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
}
