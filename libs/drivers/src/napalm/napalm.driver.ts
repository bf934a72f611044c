import { connectionIdentity } from '../core/connection-identity';
import type { DeviceDriver, DriverConnectOptions, DriverRequest, DriverSession } from '../core/device-driver';
import { DriverValidationError } from '../core/device-driver';
import { validateArgs } from '../core/validate-args';
import { NetmikoDriver } from '../netmiko/netmiko.driver';
import { NetmikoConnectionArgsDto } from '../netmiko/netmiko-connection-args.dto';
import type { NetmikoSession } from '../netmiko/netmiko.session';
import { NapalmConnectionArgsDto } from './napalm-connection-args.dto';
import { napalmName, napalmPlatform, supportedNapalmPlatforms } from './napalm-platforms';
import type { NapalmPlatform } from './getters/napalm-getter.types';
import { NapalmSession } from './napalm.session';

/** `optional_args` keys that shape the SSH session (netmiko connection args of the same name). */
const SSH_OPTIONAL_ARGS = ['port', 'secret', 'use_keys', 'key_file', 'pkey', 'passphrase', 'keepalive', 'disabled_algorithms', 'auth_timeout', 'banner_timeout', 'allow_agent'];

/**
 * NAPALM-compatible driver over the SSH CLI: getters answer NAPALM's structures, other commands run
 * as CLI, configuration goes through the platform's candidate. Default queue: fifo.
 */
export class NapalmDriver implements DeviceDriver {
  readonly name = 'napalm';
  readonly defaultStrategy = 'fifo' as const;
  private readonly cli = new NetmikoDriver();

  validate(req: DriverRequest): void {
    this.resolve(req.connection_args);
  }

  identity(args: Record<string, unknown>): string {
    return connectionIdentity(args, ['keepalive', 'timeout']);
  }

  async connect(raw: Record<string, unknown>, signal?: AbortSignal, options: DriverConnectOptions = {}): Promise<DriverSession> {
    const { cliArgs, platform } = this.resolve(raw);
    const session = (await this.cli.connect(cliArgs, signal, options)) as NetmikoSession;
    return new NapalmSession(session, platform);
  }

  async test(raw: Record<string, unknown>, options: DriverConnectOptions = {}): Promise<Record<string, unknown>> {
    const { args } = this.resolve(raw);
    const s = await this.connect(raw, undefined, options);
    await s.close();
    return { driver: this.name, host: args.host };
  }

  /** Validates the NAPALM args and builds the netmiko args of the CLI session underneath. */
  private resolve(raw: Record<string, unknown>): { args: NapalmConnectionArgsDto; cliArgs: Record<string, unknown>; platform: NapalmPlatform } {
    const withHost = raw.host === undefined && typeof raw.hostname === 'string' ? { ...raw, host: raw.hostname } : raw;
    const args = validateArgs(NapalmConnectionArgsDto, withHost, 'connection_args');
    const platform = napalmPlatform(args.device_type);
    if (!platform) {
      throw new DriverValidationError([
        {
          type: 'value_error',
          loc: ['body', 'connection_args', 'device_type'],
          msg: `Value error, unsupported napalm driver '${napalmName(args.device_type)}'; supported: ${supportedNapalmPlatforms().join(', ')} (netmiko names such as cisco_ios and arista_eos are mapped)`,
          input: args.device_type,
        },
      ]);
    }
    const optional = args.optional_args ?? {};
    const cliArgs: Record<string, unknown> = { device_type: platform.cliDeviceType, host: args.host, username: args.username, password: args.password, timeout: args.timeout };
    for (const key of SSH_OPTIONAL_ARGS) if (optional[key] !== undefined && optional[key] !== null) cliArgs[key] = optional[key];
    if (cliArgs.keepalive === undefined && typeof raw.keepalive === 'number') cliArgs.keepalive = raw.keepalive;
    if (raw.port !== undefined && cliArgs.port === undefined) cliArgs.port = raw.port;
    try {
      validateArgs(NetmikoConnectionArgsDto, cliArgs, 'connection_args');
    } catch (err) {
      if (err instanceof DriverValidationError) throw new DriverValidationError(err.errors.map((e) => ({ ...e, loc: ['body', 'connection_args', 'optional_args', ...e.loc.slice(2)] })));
      throw err;
    }
    return { args, cliArgs, platform };
  }
}
