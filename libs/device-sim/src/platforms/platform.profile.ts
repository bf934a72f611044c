import type { ConfigTree } from '../config/config.tree';
import type { ScpDestination } from '../ssh/scp.sink';
import type { CliContext, CliLevel, CommandReply, DeviceView, PagerStyle } from '../shell/shell.types';

/** What a profile needs to build a device's first configuration. */
export interface DeviceSeed {
  readonly host: string;
  readonly hostname: string;
  readonly username: string;
}

/**
 * One simulated platform: prompts, commands, errors, paging and config dialect. Profiles are
 * stateless and shared by every device of the platform; all state lives in the `CliContext`
 * (per session) and the `DeviceView` (per device).
 */
export interface PlatformProfile {
  /** Text shown when a shell opens, before the first prompt (MOTD / login banner). */
  banner(device: DeviceView): string;
  /** The configuration a fresh device boots with. */
  createConfig(seed: DeviceSeed): ConfigTree;
  readonly defaultHostname: string;
  /** The level `exec` requests run at (a privilege-15 account on most platforms). */
  readonly execLevel: CliLevel;
  /** Line end of `exec` output: network OSes write `\r\n` everywhere; a Unix shell without a PTY writes `\n`. */
  readonly execNewline: '\n' | '\r\n';
  handle(line: string, ctx: CliContext): CommandReply;
  /** The hostname a config sets (`hostname`, `sysname`, `system host-name`), if any. */
  hostnameOf(config: ConfigTree): string | undefined;
  /** The level a shell starts at. */
  readonly loginLevel: CliLevel;
  /** Registry key, as netmiko's `device_type` spells it (`cisco_ios`, `juniper_junos`, ...). */
  readonly name: string;
  readonly pager: PagerStyle;
  /** The prompt, including lines printed before it (Junos `[edit]`). */
  prompt(ctx: CliContext): string;
  /** The running configuration as the platform shows it (`show running-config` and equivalents). */
  renderConfig(config: ConfigTree, device: DeviceView): string;
  /** Where an SCP upload to `path` lands on the device's file system; absent: the platform takes no uploads. */
  scpDestination?(path: string, device: DeviceView): ScpDestination;
  /** Software version the SSH server announces (`SSH-2.0-<ident>`). */
  readonly sshIdent: string;
  /** Command Ctrl-Z stands for in config mode (`end`, `return`); none where Ctrl-Z does nothing. */
  readonly suspendCommand: string | undefined;
  /** Lines per page before paging is turned off; 0 for platforms that never page. */
  readonly terminalLength: number;
}
