import { connectionIdentity } from '../core/connection-identity';
import type { DeviceDriver, DriverConnectOptions, DriverRequest, DriverSession } from '../core/device-driver';
import { DriverValidationError } from '../core/device-driver';
import type { FieldError } from '@netpulse/contracts';
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
  // host is only checked to be a string and port to be an integer from 1 to 65535 (no rule reads their values).
  readonly validationIgnoresAddress = true;
  private readonly cli = new NetmikoDriver();

  validate(req: DriverRequest): void {
    const { platform } = this.resolve(req.connection_args);
    validateCommitArgs(req.driver_args ?? {}, platform);
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

/**
 * `driver_args` of NAPALM's `load_*_candidate` / `commit_config`: `replace` (boolean), `message`
 * (string), `revert_in` (whole seconds, within what the platform's commit-confirm takes).
 */
function validateCommitArgs(args: Record<string, unknown>, platform: NapalmPlatform): void {
  const errors: FieldError[] = [];
  const bad = (key: string, msg: string): void => {
    errors.push({ type: 'value_error', loc: ['body', 'driver_args', key], msg: `Value error, ${msg}`, input: args[key] });
  };
  if (args.replace !== undefined && args.replace !== null && typeof args.replace !== 'boolean') bad('replace', 'replace must be a boolean (true: load_replace_candidate, the lines are the whole configuration)');
  if (args.message !== undefined && args.message !== null && typeof args.message !== 'string') bad('message', 'message must be a string (the commit comment)');
  else if (typeof args.message === 'string' && /[\r\n]/.test(args.message)) bad('message', 'message must be one line (a commit comment)');
  const revert = args.revert_in;
  if (revert !== undefined && revert !== null) {
    const support = platform.config;
    if (typeof revert !== 'number' || !Number.isInteger(revert) || revert < 1) bad('revert_in', 'revert_in must be a whole number of seconds >= 1');
    else if (support?.revertStep === undefined) bad('revert_in', `revert_in (commit confirm) is not supported for ${platform.name}`);
    else if (revert % support.revertStep !== 0) bad('revert_in', `revert_in must be a multiple of ${support.revertStep} seconds for ${platform.name} (the device counts minutes)`);
    else if (support.revertMax !== undefined && revert > support.revertMax) bad('revert_in', `revert_in must be at most ${support.revertMax} seconds for ${platform.name}`);
    else if (support.revertNeedsReplace && args.replace !== true) bad('revert_in', `revert_in with a merge is not supported for ${platform.name}: ${support.revertNeedsReplace}`);
  }
  if (errors.length > 0) throw new DriverValidationError(errors);
}
