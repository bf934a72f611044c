import { connectionIdentity } from '../core/connection-identity';
import type { DeviceDriver, DriverConnectOptions, DriverRequest, DriverSession } from '../core/device-driver';
import { DriverValidationError } from '../core/device-driver';
import { validateArgs } from '../core/validate-args';
import { readKeyFile } from '../transport/key-file.reader';
import { SshConnectOptions, SshConnection } from '../transport/ssh.connection';
import { NetmikoConnectionArgsDto } from './netmiko-connection-args.dto';
import { NetmikoDriverArgsDto } from './netmiko-driver-args.dto';
import { NetmikoSession } from './netmiko.session';
import { cliPlatform, supportedDeviceTypes } from './platforms/cli-platform.registry';

/** Network device CLIs over SSH, `netmiko`-compatible. Default queue: pinned. */
export class NetmikoDriver implements DeviceDriver {
  readonly name = 'netmiko';
  readonly defaultStrategy = 'pinned' as const;
  // host is only checked to be a string and port to be an integer from 1 to 65535 (no rule reads their values).
  readonly validationIgnoresAddress = true;

  validate(req: DriverRequest): void {
    const args = validateArgs(NetmikoConnectionArgsDto, req.connection_args, 'connection_args');
    if (!cliPlatform(args.device_type)) {
      throw new DriverValidationError([
        {
          type: 'value_error',
          loc: ['body', 'connection_args', 'device_type'],
          msg: `Value error, unsupported device_type '${args.device_type}'; supported: ${supportedDeviceTypes().join(', ')}`,
          input: args.device_type,
        },
      ]);
    }
    if (req.driver_args) validateArgs(NetmikoDriverArgsDto, req.driver_args, 'driver_args');
  }

  identity(args: Record<string, unknown>): string {
    return connectionIdentity(args, ['keepalive', 'timeout', 'session_timeout', 'blocking_timeout', 'banner_timeout', 'auth_timeout', 'global_delay_factor', 'fast_cli', 'verbose']);
  }

  async connect(raw: Record<string, unknown>, signal?: AbortSignal, options: DriverConnectOptions = {}): Promise<DriverSession> {
    const args = validateArgs(NetmikoConnectionArgsDto, raw, 'connection_args');
    const platform = cliPlatform(args.device_type);
    if (!platform) throw new Error(`unsupported device_type ${args.device_type}`);
    const keyFile = !args.pkey && args.use_keys && args.key_file ? await readKeyFile(options.keyRoot, args.key_file, 'connection_args.key_file') : undefined;
    const conn = await SshConnection.open(
      {
        host: args.host,
        port: args.port,
        username: args.username,
        password: args.password,
        privateKey: args.pkey ?? keyFile,
        passphrase: args.passphrase ?? undefined,
        readyTimeoutMs: (args.auth_timeout ?? args.timeout) * 1000,
        keepaliveIntervalMs: args.keepalive > 0 ? args.keepalive * 1000 : 0,
        tryKeyboard: true,
        algorithms: legacyAlgorithms(args.disabled_algorithms),
      },
      signal,
    );
    return NetmikoSession.open(conn, platform, args.host, args.secret ?? args.password, signal, args.timeout * 1000);
  }

  async test(raw: Record<string, unknown>, options: DriverConnectOptions = {}): Promise<Record<string, unknown>> {
    const args = validateArgs(NetmikoConnectionArgsDto, raw, 'connection_args');
    const s = (await this.connect(raw, undefined, options)) as NetmikoSession;
    try {
      return { driver: this.name, host: args.host, device_type: args.device_type, prompt: s.currentPrompt };
    } finally {
      await s.close();
    }
  }
}

/** paramiko's `disabled_algorithms` ({"pubkeys": [...], "kex": [...]}) as ssh2 `remove` lists. */
function legacyAlgorithms(disabled: Record<string, unknown> | null | undefined): SshConnectOptions['algorithms'] {
  if (!disabled) return undefined;
  const map: Record<string, string> = { kex: 'kex', ciphers: 'cipher', macs: 'hmac', keys: 'serverHostKey', pubkeys: 'serverHostKey' };
  const out: Record<string, { remove: string[] }> = {};
  for (const [k, v] of Object.entries(disabled)) {
    const target = map[k];
    if (target && Array.isArray(v)) out[target] = { remove: v.map(String) };
  }
  return out as SshConnectOptions['algorithms'];
}
