import type { ConfigTree } from '../config/config.tree';

/** The three tiers every simulated CLI has (Huawei's user view is `user`, system view `config`). */
export type CliLevel = 'user' | 'privileged' | 'config';

/** One entered configuration sub-mode: an interface, a routing process, a Junos `edit` path. */
export interface ConfigSection {
  /** Prompt label: `config-if` (Cisco), `GigabitEthernet0/0/1` (Huawei), `interfaces ge-0/0/0` (Junos). */
  readonly label: string;
  /** Full path from the config root to the node this section edits. */
  readonly path: readonly string[];
}

/** What a platform profile may see and change of the device it runs on. */
export interface DeviceView {
  /** When the simulated device "booted" (drives uptime in `show version`). */
  readonly bootedAt: Date;
  /** The loopback address the device listens on; also its management interface address. */
  readonly host: string;
  readonly hostname: string;
  /** Counts one accepted configuration statement. */
  recordConfigLine(): void;
  /** Counts one `write memory` / `save`. */
  recordSave(): void;
  running: ConfigTree;
  readonly secret: string;
  startup: ConfigTree;
  /** The device's file system (`flash:candidate_config.txt` → its text), for platforms that have one. */
  readonly files: Map<string, string>;
  /**
   * Runs `action` after `seconds` of device time (commit-confirm and rollback timers), scaled by the
   * `timerScale` option; the returned function cancels it. Timers die with the device.
   */
  schedule(seconds: number, action: () => void): () => void;
}

/** Per-session CLI state, handed to the profile with every line. */
export interface CliContext {
  /** Uncommitted configuration (IOS XR, Junos); undefined where changes apply at once. */
  candidate: ConfigTree | undefined;
  readonly device: DeviceView;
  /** False for an SSH `exec` request: no prompt, no paging, one command. */
  readonly interactive: boolean;
  level: CliLevel;
  /** Width of the prompt the command was typed after, so a `^` marker lines up under the echo. */
  promptWidth: number;
  sections: ConfigSection[];
  /** Lines per page; 0 turns paging off (`terminal length 0` and friends). */
  terminalLength: number;
  readonly username: string;
}

/** Text produced lazily, for outputs too large to build as one string (`show bigoutput`). */
export interface OutputSource {
  /** Exact text for [offset, offset + length), already with `\r\n` line ends. */
  read(offset: number, length: number): string;
  readonly size: number;
}

/** A follow-up question the CLI asks before the command completes (`Password:`, `[Y/N]`). */
export interface Question {
  answer(line: string, ctx: CliContext): CommandReply;
  /** False for secrets: typed characters are not echoed. */
  readonly echo: boolean;
  readonly prompt: string;
}

/** What a profile answers to one line of input. Output uses `\n`; the session sends `\r\n`. */
export interface CommandReply {
  /** Close the shell after the output (`exit`, `logout`, `quit` at the top level). */
  readonly endSession?: boolean;
  /** Exit status of an `exec` request; defaults to 0, or 1 when `failed`. */
  readonly exitCode?: number;
  /** The device reported an error (invalid input, incomplete command). */
  readonly failed?: boolean;
  readonly output?: string;
  readonly question?: Question;
  /** Error text an `exec` request sends on stderr (Linux); shells show it inline. */
  readonly stderr?: string;
  readonly stream?: OutputSource;
}

/** How the platform pauses long output and cleans up after a key press. */
export interface PagerStyle {
  /** Written after a key press to wipe the pager prompt from the line. */
  readonly erase: string;
  readonly prompt: string;
}
