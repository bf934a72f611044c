/**
 * `parsing: {"name": "textfsm", "use_ntc_template": true}` without a complete `ntc_template_args`:
 * the platform comes from the job's `device_type` (or the driver) and the command from each result.
 * A result whose platform and command have no template gets `parsed: null` and a note in
 * `metadata.parsing_note` instead of failing the job.
 */
export interface NtcParsingPlan {
  /** The ntc-templates platform; undefined when none can be derived (`reason` says why). */
  readonly platform: string | undefined;
  /** The command given in `ntc_template_args`; undefined: each result's own command. */
  readonly command: string | undefined;
  readonly reason: string;
}

/** netmiko `device_type` names whose ntc-templates platform is spelled differently. */
const PLATFORM_ALIASES: Readonly<Record<string, string>> = {
  cisco_xe: 'cisco_ios',
  cisco_ios_xe: 'cisco_ios',
  cisco_wlc: 'cisco_wlc_ssh',
  juniper: 'juniper_junos',
  huawei: 'huawei_vrp',
  huawei_vrpv8: 'huawei_vrp',
  ovs_linux: 'linux',
  nokia_sros: 'alcatel_sros',
};

/** Device types that name no particular CLI, so no template set fits them. */
const NO_PLATFORM = new Set(['generic', 'generic_termserver']);

/** Drivers that reach one kind of system whatever the arguments. */
const DRIVER_PLATFORMS: Readonly<Record<string, string>> = { paramiko: 'linux' };

/** The ntc-templates platform for a netmiko `device_type` (`cisco_ios_ssh` → `cisco_ios`, `cisco_xe` → `cisco_ios`). */
export function ntcPlatformOf(deviceType: string): string | undefined {
  const type = deviceType.trim().toLowerCase();
  if (type === '' || NO_PLATFORM.has(type)) return undefined;
  if (PLATFORM_ALIASES[type]) return PLATFORM_ALIASES[type];
  const bare = type.replace(/_(ssh|telnet|serial)$/, '');
  return PLATFORM_ALIASES[bare] ?? (NO_PLATFORM.has(bare) ? undefined : bare);
}

function nonEmpty(value: unknown): string | undefined {
  return typeof value === 'string' && value.trim() !== '' ? value : undefined;
}

/**
 * The plan when `parsing` asks for an index lookup with `ntc_template_args` absent or partial;
 * null when the request is complete (or not an index lookup) and is parsed as given.
 */
export function ntcParsingPlanOf(parsing: Record<string, unknown>, driver: string, connectionArgs: Record<string, unknown>): NtcParsingPlan | null {
  if (parsing.use_ntc_template !== true || parsing.name !== 'textfsm') return null;
  const raw = parsing.ntc_template_args;
  const args = raw !== null && typeof raw === 'object' && !Array.isArray(raw) ? (raw as Record<string, unknown>) : {};
  const givenPlatform = nonEmpty(args.platform);
  const command = nonEmpty(args.command);
  if (givenPlatform && command) return null;
  if (givenPlatform) return { platform: givenPlatform, command, reason: '' };
  const deviceType = nonEmpty(connectionArgs.device_type);
  if (deviceType) {
    const platform = ntcPlatformOf(deviceType);
    return { platform, command, reason: platform ? '' : `device_type '${deviceType}' names no ntc-templates platform; set ntc_template_args.platform` };
  }
  const platform = DRIVER_PLATFORMS[driver];
  return { platform, command, reason: platform ? '' : `no device_type to take the ntc-templates platform from; set ntc_template_args.platform` };
}

/** The note for a result whose platform and command have no template in the index. */
export function noTemplateNote(platform: string, command: string): string {
  return `No ntc-templates template for platform '${platform}' and command '${command}'; parsed is null`;
}
