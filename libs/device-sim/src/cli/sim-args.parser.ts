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
                         hp_comware, nokia_sros, linux, generic (default cisco_ios)
  --bind ADDR            first loopback address, 127.x.y.z (default 127.0.10.1)
  --port N               TCP port on every address; 0 picks free ports (default 22)
  --username U           login user (default admin)
  --password P           login password (default admin)
  --secret S             enable secret (default admin)
  --hostname-prefix S    hostnames are <prefix><n> (default sim-)
  --latency-ms N         delay before each command's output
  --login-delay-ms N     delay before each authentication answer
  --idle-timeout-sec N   drop shells idle this long
  --eapi-https-port N    arista_eos only: eAPI over HTTPS (self-signed certificate) on every
                         address; 0 picks free ports, off turns it off (default 443)
  --eapi-http-port N     arista_eos only: eAPI over plain HTTP; 0 and off as above (default 80)
  --list                 print every device in the table
  -h, --help             this text`;

function num(name: string, value: string | undefined): number | undefined {
  if (value === undefined) return undefined;
  const n = Number(value);
  if (value.trim() === '' || !Number.isFinite(n)) throw new Error(`--${name} must be a number, got '${value}'`);
  return n;
}

/** Platforms whose devices serve eAPI beside SSH. */
const EAPI_PLATFORMS: ReadonlySet<string> = new Set(['arista_eos']);

/** An eAPI port flag: a port number, 0 for a free port, `off` for none. */
function eapiPort(name: string, value: string | undefined, fallback: number): number | null {
  if (value === undefined) return fallback;
  if (value.trim().toLowerCase() === 'off') return null;
  const n = num(name, value) as number;
  if (!Number.isInteger(n) || n < 0 || n > 65535) throw new Error(`--${name} must be a port (0-65535) or off, got '${value}'`);
  return n;
}

/** eAPI for the platforms that serve it (on by default); the eAPI flags are refused for any other platform. */
function eapiOptions(platform: string, https: string | undefined, http: string | undefined): FleetOptions['eapi'] {
  if (!EAPI_PLATFORMS.has(platform)) {
    const given = https !== undefined ? 'eapi-https-port' : http !== undefined ? 'eapi-http-port' : undefined;
    if (given) throw new Error(`--${given} applies only to ${[...EAPI_PLATFORMS].join(', ')} devices, not ${platform}`);
    return undefined;
  }
  const httpsPort = eapiPort('eapi-https-port', https, 443);
  const httpPort = eapiPort('eapi-http-port', http, 80);
  return httpsPort === null && httpPort === null ? undefined : { httpPort, httpsPort };
}

/** Parses the command line; throws an Error naming the bad flag. */
export function parseSimArgs(argv: readonly string[]): SimArgs {
  const { values } = parseArgs({
    args: [...argv],
    options: {
      bind: { type: 'string' },
      devices: { type: 'string' },
      'eapi-http-port': { type: 'string' },
      'eapi-https-port': { type: 'string' },
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
      eapi: eapiOptions(values.platform ?? 'cisco_ios', values['eapi-https-port'], values['eapi-http-port']),
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
