/**
 * napalm names the device `hostname`; NetPulse 0.4 accepts it as an alias of `host` for that driver.
 * Returns the args with `host` filled from `hostname` when only the alias is given.
 */
export function withNapalmHostAlias(driver: unknown, args: Record<string, unknown>): Record<string, unknown> {
  if (driver !== 'napalm' || (args.host !== undefined && args.host !== null) || typeof args.hostname !== 'string') return args;
  return { ...args, host: args.hostname };
}
