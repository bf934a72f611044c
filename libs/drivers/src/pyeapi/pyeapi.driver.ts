import { connectionIdentity } from '../core/connection-identity';
import type { DeviceDriver, DriverConnectOptions, DriverRequest } from '../core/device-driver';
import { DriverValidationError } from '../core/device-driver';
import { validateArgs } from '../core/validate-args';
import { HttpTransport } from '../http/http.transport';
import { readKeyFile } from '../transport/key-file.reader';
import { EapiClient } from './eapi.client';
import { PyeapiConnectionArgsDto } from './pyeapi-connection-args.dto';
import { PyeapiDriverArgsDto } from './pyeapi-driver-args.dto';
import { parseExtras, PyeapiSession } from './pyeapi.session';

/**
 * Arista EOS over eAPI (JSON-RPC over HTTP(S)), `pyeapi`-compatible. Works on both
 * queues (docs/compatibility.md: pyeapi on both queues, and a real connection test): on a pinned worker the session's keep-alive connection is reused.
 */
export class PyeapiDriver implements DeviceDriver {
  readonly name = 'pyeapi';
  readonly defaultStrategy = 'fifo' as const;
  // host is only checked to be a string and port to be an integer from 1 to 65535 (no rule reads their values).
  readonly validationIgnoresAddress = true;

  validate(req: DriverRequest): void {
    const args = validateArgs(PyeapiConnectionArgsDto, req.connection_args, 'connection_args');
    if (args.cert_file && !args.key_file) {
      throw new DriverValidationError([
        { type: 'value_error', loc: ['body', 'connection_args', 'key_file'], msg: 'Value error, key_file is required with cert_file', input: null },
      ]);
    }
    if (req.driver_args) validateArgs(PyeapiDriverArgsDto, req.driver_args, 'driver_args');
    parseExtras(req);
  }

  /** Transport, host, port, username, a digest of the secrets and the TLS settings: what shapes the connection. */
  identity(raw: Record<string, unknown>): string {
    let args: PyeapiConnectionArgsDto;
    try {
      args = validateArgs(PyeapiConnectionArgsDto, raw, 'connection_args');
    } catch {
      return connectionIdentity(raw);
    }
    return connectionIdentity({
      ca_file: args.ca_file,
      cert_file: args.cert_file,
      enablepwd: args.enablepwd,
      host: args.host,
      key_file: args.key_file,
      password: args.password ?? '',
      port: portOf(args),
      transport: args.transport,
      username: args.username,
      verify: verifyOf(args),
    });
  }

  async connect(raw: Record<string, unknown>, signal?: AbortSignal, options: DriverConnectOptions = {}): Promise<PyeapiSession> {
    const args = validateArgs(PyeapiConnectionArgsDto, raw, 'connection_args');
    const read = (file: string | null | undefined, field: string): Promise<Buffer | undefined> =>
      file ? readKeyFile(options.keyRoot, file, `connection_args.${field}`) : Promise.resolve(undefined);
    const [ca, cert, key] = await Promise.all([read(args.ca_file, 'ca_file'), read(args.cert_file, 'cert_file'), read(args.key_file, 'key_file')]);
    const http = new HttpTransport({
      host: args.host,
      port: portOf(args),
      scheme: args.transport,
      timeoutMs: args.timeout * 1000,
      tls: { ca, cert, key, verify: verifyOf(args) },
    });
    const client = new EapiClient(http, args.username, args.password ?? '');
    try {
      return await PyeapiSession.open(client, args.host, args.enablepwd ?? null, signal);
    } catch (err) {
      client.close();
      throw err;
    }
  }

  /** `/device/test` really asks the device (`show version`), unlike the original (docs/compatibility.md: pyeapi on both queues, and a real connection test). */
  async test(raw: Record<string, unknown>, options: DriverConnectOptions = {}): Promise<Record<string, unknown>> {
    const args = validateArgs(PyeapiConnectionArgsDto, raw, 'connection_args');
    const session = await this.connect(raw, undefined, options);
    try {
      const v = session.version;
      return { driver: this.name, host: args.host, transport: args.transport, port: portOf(args), model: v.modelName ?? null, version: v.version ?? null };
    } finally {
      await session.close();
    }
  }
}

function portOf(args: PyeapiConnectionArgsDto): number {
  return args.port ?? (args.transport === 'https' ? 443 : 80);
}

/** pyeapi trusts any certificate; a CA file given is a clear wish to verify against it. */
function verifyOf(args: PyeapiConnectionArgsDto): boolean {
  return args.verify ?? Boolean(args.ca_file);
}
