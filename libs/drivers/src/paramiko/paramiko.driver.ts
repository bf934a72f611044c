import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { homedir } from 'node:os';
import { join } from 'node:path';
import { connectionIdentity } from '../core/connection-identity';
import type { DeviceDriver, DriverConnectOptions, DriverRequest } from '../core/device-driver';
import { DriverValidationError } from '../core/device-driver';
import { validateArgs } from '../core/validate-args';
import type { HostKeyStore } from '../transport/host-key.store';
import { HostKeyVerifier } from '../transport/host-key.verifier';
import { readKeyFile } from '../transport/key-file.reader';
import { SshConnection } from '../transport/ssh.connection';
import { ParamikoConnectionArgsDto } from './paramiko-connection-args.dto';
import { ParamikoDriverArgsDto } from './paramiko-driver-args.dto';
import { ParamikoSession } from './paramiko.session';

/** Per-connect collaborators of the paramiko driver (the driver itself stays stateless). */
export interface ParamikoConnectOptions extends Pick<DriverConnectOptions, 'keyRoot'> {
  /**
   * Remembered host keys (docs/compatibility.md: SSH host keys remembered on first use), checked per `host_key_policy`; the jump host's key is checked
   * the same way. Without a store no key is remembered (and policy `reject` refuses every host).
   */
  hostKeys?: HostKeyStore;
  /** Receives the warning when policy `warning` accepts an unknown host key. */
  onHostKeyWarning?: (message: string) => void;
}

/** Linux hosts over SSH exec, `paramiko`-compatible. */
export class ParamikoDriver implements DeviceDriver {
  readonly name = 'paramiko';
  readonly defaultStrategy = 'fifo' as const;
  // host is only checked to be a string and port to be an integer from 1 to 65535 (no rule reads their values).
  readonly validationIgnoresAddress = true;

  validate(req: DriverRequest): void {
    const args = validateArgs(ParamikoConnectionArgsDto, req.connection_args, 'connection_args');
    if (!args.password && !args.pkey && !args.key_filename && !args.look_for_keys) {
      throw new DriverValidationError([
        { type: 'value_error', loc: ['body', 'connection_args'], msg: 'Value error, at least one authentication method is needed: password, pkey, key_filename or look_for_keys', input: null },
      ]);
    }
    if (req.driver_args) validateArgs(ParamikoDriverArgsDto, req.driver_args, 'driver_args');
  }

  identity(args: Record<string, unknown>): string {
    return connectionIdentity(args, ['keepalive', 'timeout', 'banner_timeout', 'auth_timeout']);
  }

  async connect(raw: Record<string, unknown>, signal?: AbortSignal, options: ParamikoConnectOptions = {}): Promise<ParamikoSession> {
    const args = validateArgs(ParamikoConnectionArgsDto, raw, 'connection_args');
    const conn = await openParamiko(args, options, signal);
    return new ParamikoSession(conn, args.host, args.password ?? null, args.username);
  }

  async test(raw: Record<string, unknown>, options: ParamikoConnectOptions = {}): Promise<Record<string, unknown>> {
    const args = validateArgs(ParamikoConnectionArgsDto, raw, 'connection_args');
    const conn = await openParamiko(args, options);
    try {
      return { driver: this.name, host: args.host, remote_version: conn.remoteVersion };
    } finally {
      await conn.close();
    }
  }
}

async function openParamiko(args: ParamikoConnectionArgsDto, options: ParamikoConnectOptions, signal?: AbortSignal): Promise<SshConnection> {
  const verifier = new HostKeyVerifier({ policy: args.host_key_policy, store: options.hostKeys, onWarning: options.onHostKeyWarning });
  let sock;
  let jump: SshConnection | null = null;
  if (args.proxy_host) {
    jump = await SshConnection.open(
      {
        host: args.proxy_host,
        port: args.proxy_port,
        username: args.proxy_username ?? args.username,
        password: args.proxy_password ?? undefined,
        privateKey: await privateKeyOf(args.proxy_pkey, args.proxy_key_filename, 'connection_args.proxy_key_filename', false, options.keyRoot),
        passphrase: args.proxy_passphrase ?? undefined,
        readyTimeoutMs: args.timeout * 1000,
        tryKeyboard: true,
        hostKeyCheck: (key) => verifier.check(args.proxy_host ?? '', args.proxy_port, key),
      },
      signal,
    );
    sock = await jump.forward(args.host, args.port);
  }
  try {
    const privateKey = await privateKeyOf(args.pkey, args.key_filename, 'connection_args.key_filename', args.look_for_keys && !args.password, options.keyRoot);
    const conn = await SshConnection.open(
      {
        host: args.host,
        port: args.port,
        username: args.username,
        password: args.password ?? undefined,
        privateKey,
        passphrase: args.passphrase ?? undefined,
        readyTimeoutMs: (args.auth_timeout ?? args.timeout) * 1000,
        keepaliveIntervalMs: args.keepalive ? args.keepalive * 1000 : 0,
        tryKeyboard: true,
        hostKeyCheck: (key) => verifier.check(args.host, args.port, key),
        sock,
      },
      signal,
    );
    if (jump) {
      const j = jump;
      conn.onClose(() => void j.close());
    }
    return conn;
  } catch (err) {
    await jump?.close();
    throw err;
  }
}

/**
 * PEM/OpenSSH text, else a key file (only from inside `security.key_root`), else (look_for_keys) the
 * worker user's default keys.
 */
async function privateKeyOf(pkey: string | null | undefined, file: string | null | undefined, field: string, lookForKeys: boolean, keyRoot: string | null | undefined): Promise<string | Buffer | undefined> {
  if (pkey) return pkey;
  if (file) return readKeyFile(keyRoot, file, field);
  if (lookForKeys) {
    for (const name of ['id_ed25519', 'id_ecdsa', 'id_rsa']) {
      const p = join(homedir(), '.ssh', name);
      if (existsSync(p)) return readFile(p);
    }
  }
  return undefined;
}
