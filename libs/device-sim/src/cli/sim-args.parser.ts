import { parseArgs } from 'node:util';
import type { FleetOptions } from '../device/device.fleet';

/** What `sim.cli` was asked to do. */
export interface SimArgs {
  readonly fleet: FleetOptions;
  readonly help: boolean;
  /** Print every device in the table, not just the first and last ones. */
  readonly listAll: boolean;
}

export const USAGE = `Usage: sim.cli --devices N --platform P --bind 127.0.10.1 [options]

Starts N simulated network devices on N consecutive loopback addresses and stays in the
foreground until Ctrl-C.

  --devices N            how many devices (default 1)
  --platform P           cisco_ios, cisco_nxos, cisco_xr, arista_eos, juniper_junos, huawei,
                         hp_comware, linux, generic (default cisco_ios)
  --bind ADDR            first loopback address, 127.x.y.z (default 127.0.10.1)
  --port N               TCP port on every address; 0 picks free ports (default 22)
  --username U           login user (default admin)
  --password P           login password (default admin)
  --secret S             enable secret (default admin)
  --hostname-prefix S    hostnames are <prefix><n> (default sim-)
  --latency-ms N         delay before each command's output
  --login-delay-ms N     delay before each authentication answer
  --idle-timeout-sec N   drop shells idle this long
  --list                 print every device in the table
  -h, --help             this text`;

function num(name: string, value: string | undefined): number | undefined {
  if (value === undefined) return undefined;
  const n = Number(value);
  if (value.trim() === '' || !Number.isFinite(n)) throw new Error(`--${name} must be a number, got '${value}'`);
  return n;
}

/** Parses the command line; throws an Error naming the bad flag. */
export function parseSimArgs(argv: readonly string[]): SimArgs {
  const { values } = parseArgs({
    args: [...argv],
    options: {
      bind: { type: 'string' },
      devices: { type: 'string' },
      help: { short: 'h', type: 'boolean' },
      'hostname-prefix': { type: 'string' },
      'idle-timeout-sec': { type: 'string' },
      'latency-ms': { type: 'string' },
      list: { type: 'boolean' },
      'login-delay-ms': { type: 'string' },
      password: { type: 'string' },
      platform: { type: 'string' },
      port: { type: 'string' },
      secret: { type: 'string' },
      username: { type: 'string' },
    },
    strict: true,
  });
  return {
    fleet: {
      count: num('devices', values.devices) ?? 1,
      firstHost: values.bind ?? '127.0.10.1',
      hostnamePrefix: values['hostname-prefix'],
      idleTimeoutSec: num('idle-timeout-sec', values['idle-timeout-sec']),
      latencyMs: num('latency-ms', values['latency-ms']),
      loginDelayMs: num('login-delay-ms', values['login-delay-ms']),
      password: values.password,
      platform: values.platform,
      port: num('port', values.port),
      secret: values.secret,
      username: values.username,
    },
    help: values.help ?? false,
    listAll: values.list ?? false,
  };
}
