import { AppConfig, loadConfig } from '@netpulse/config';
import { ApiError, ExecutionRequestDto } from '@netpulse/contracts';
import { CredentialProviderRegistry, CredentialResolver } from '@netpulse/credentials';
import { DriverRegistry } from '@netpulse/drivers';
import { TemplateEngines } from '@netpulse/templates';
import { WebhookKindRegistry, WebhookSender } from '@netpulse/webhooks';
import { ExecRequestParser, ParsedExec, bulkDeviceArgs } from './exec-request.parser';

function build(): ExecRequestParser {
  const value = loadConfig({ file: '/nonexistent/config.yaml', env: {} });
  const config: AppConfig = { value };
  return new ExecRequestParser(
    config,
    new CredentialResolver(value.credential, new CredentialProviderRegistry()),
    DriverRegistry.withBuiltins(),
    TemplateEngines.withBuiltins({ allowedTargets: [], deniedPorts: [], maxBytes: 1 << 20, renderTimeLimitMs: 1000 }),
    WebhookKindRegistry.withBuiltins({ sender: new WebhookSender({ allowedTargets: [] }) }),
  );
}

type Outcome = { parsed: Record<string, unknown> } | { error: { status: number; body: unknown } } | { noHost: true };

/** What a caller can see of a parse: the job and its figures, the validated fields, or the error answered. */
function seen(run: () => ParsedExec): Outcome {
  try {
    const p = run();
    expect(p.dto).toBeInstanceOf(ExecutionRequestDto);
    return { parsed: JSON.parse(JSON.stringify({ driver: p.driver.name, dto: p.dto, host: p.host, job: p.job, resultTtl: p.resultTtl, ttl: p.ttl })) as Record<string, unknown> };
  } catch (err) {
    if (!(err instanceof ApiError)) throw err;
    return { error: { status: err.status, body: JSON.parse(JSON.stringify(err.body)) } };
  }
}

const PAYLOAD = ['command', 'config', 'file_transfer'];

/** How every device was parsed before the shared part was validated once: its whole merged request, each time. */
function wholeRequestPerDevice(sut: ExecRequestParser, body: Record<string, unknown>): Outcome[] {
  const base = sut.parse(body, undefined, { defaultTtl: 600, errorStyle: 'list', partial: true });
  const { devices, ...rest } = body;
  return (devices as Record<string, unknown>[]).map((device) => {
    const args: Record<string, unknown> = { ...base.dto.connection_args };
    for (const [k, v] of Object.entries(device)) if (!PAYLOAD.includes(k) && v !== null && v !== undefined) args[k] = v;
    const merged: Record<string, unknown> = { ...rest, connection_args: args };
    if (device.command !== undefined && device.command !== null) {
      merged.command = device.command;
      delete merged.config;
    } else if (device.config !== undefined && device.config !== null) {
      merged.config = device.config;
      delete merged.command;
    } else if (device.file_transfer !== undefined && device.file_transfer !== null) {
      merged.file_transfer = device.file_transfer;
    }
    if (!Object.prototype.hasOwnProperty.call(rest, 'ttl')) merged.ttl = 600;
    if (typeof args.host !== 'string' && !(rest.driver === 'napalm' && typeof args.hostname === 'string')) return { noHost: true };
    return seen(() => sut.parse(merged, undefined, { defaultTtl: 600, errorStyle: 'list' }));
  });
}

function sharedOncePerDevice(sut: ExecRequestParser, body: Record<string, unknown>): Outcome[] {
  const base = sut.parseBulkBase(body, undefined);
  return (body.devices as Record<string, unknown>[]).map((device) => {
    const args = bulkDeviceArgs(base, device);
    if (typeof args.host !== 'string' && !(body.driver === 'napalm' && typeof args.hostname === 'string')) return { noHost: true };
    return seen(() => sut.parseBulkDevice(base, args, device));
  });
}

const ios = { device_type: 'cisco_ios', username: 'u', password: 'secret-pw' };
const devices = [
  { host: '10.0.0.1' },
  { host: '10.0.0.2', command: ['show clock', 'show ver'] },
  { host: '10.0.0.3', config: 'hostname r3' },
  { host: '10.0.0.4', command: null, config: ['a', 'b'] },
  { host: '10.0.0.5', port: '2222', username: 'other' },
  { host: '10.0.0.6', command: 5 },
  { host: '10.0.0.7', config: [1, 2] },
  { host: '10.0.0.8', command: { ctx: 1 } },
  { host: '10.0.0.9', file_transfer: 'nope' },
  { host: '10.0.0.10', file_transfer: { operation: 'sideways', overwrite: 'maybe' } },
  { host: '10.0.0.11', file_transfer: { operation: 'upload', remote_path: '/tmp/x', local_path: 'x', overwrite: 'yes' } },
  { host: '10.0.0.12', file_transfer: { operation: 'upload', remote_path: '/tmp/x', chmod: 'rwx' } },
  { host: '10.0.0.13', device_type: 'no_such_os' },
  { host: '10.0.0.14', port: 'abc' },
  { host: '   ' },
  { host: 42 },
  { port: 22 },
  { host: '10.0.0.15', key_file: '/etc/shadow', use_keys: true },
  { host: '10.0.0.16', keepalive: 5, secret: 'en-pw' },
];

/** Devices whose other args repeat (the driver's answer is reused across hosts): valid, and each kind of driver refusal. */
const repeated = ['a', 'b', 'c'].flatMap((h) => [
  { host: `10.1.0.${h}` },
  { host: `10.2.0.${h}`, device_type: 'no_such_os' },
  { host: `10.3.0.${h}`, port: 'abc' },
  { host: `10.4.0.${h}`, password: null, look_for_keys: 'maybe' },
  { host: `10.5.0.${h}`, transport: 'ftp', cert_file: '/c' },
  { host: `10.6.0.${h}`, key_file: '/etc/shadow', use_keys: true },
]);
/** The same with a port of each device's own: valid ones, and ones each driver refuses. */
const ports = repeated.flatMap((d, i) => [{ ...d, port: 1000 + i }, { ...d, port: i === 0 ? 0 : 65536 + i }, { ...d, port: 22.5 }, { ...d, port: `${2000 + i}` }]);

const TABLE: [string, Record<string, unknown>][] = [
  ['netmiko, repeated args', { driver: 'netmiko', connection_args: ios, command: 'show ver', devices: repeated }],
  ['pyeapi, repeated args', { driver: 'pyeapi', connection_args: { username: 'u', password: 'p' }, command: 'show ver', devices: repeated }],
  ['paramiko, repeated args', { driver: 'paramiko', connection_args: { username: 'u', password: 'p' }, command: 'uptime', devices: repeated }],
  ['napalm, repeated args', { driver: 'napalm', connection_args: { username: 'u', password: 'p', device_type: 'ios' }, command: 'show ver', devices: repeated }],
  ['netmiko, repeated args, own ports', { driver: 'netmiko', connection_args: ios, command: 'show ver', devices: ports }],
  ['pyeapi, repeated args, own ports', { driver: 'pyeapi', connection_args: { username: 'u', password: 'p' }, command: 'show ver', devices: ports }],
  ['paramiko, repeated args, own ports', { driver: 'paramiko', connection_args: { username: 'u', password: 'p' }, command: 'uptime', devices: ports }],
  ['napalm, repeated args, own ports', { driver: 'napalm', connection_args: { username: 'u', password: 'p', device_type: 'ios' }, command: 'show ver', devices: ports }],
  ['napalm, optional_args port', { driver: 'napalm', connection_args: { username: 'u', password: 'p', device_type: 'ios', optional_args: { port: 2022 } }, command: 'show ver', devices: ports }],
  ['netmiko, command shared, every kind of device', { driver: 'netmiko', connection_args: ios, command: 'show version', devices }],
  ['netmiko, config shared, ttl as a string, extras and options', { driver: 'netmiko', connection_args: ios, config: ['x'], ttl: '30', save: true, queue_strategy: 'fifo', result_ttl: 120, devices }],
  ['explicit ttl null, execution_timeout, driver_args', { driver: 'netmiko', connection_args: ios, command: 'show ver', ttl: null, execution_timeout: '20', driver_args: { read_timeout: 5 }, devices }],
  ['bad driver_args of the shared part (each device answers it)', { driver: 'netmiko', connection_args: ios, command: 'show ver', driver_args: { read_timeout: 'slow' }, devices: devices.slice(0, 3) }],
  ['a template context with rendering', { driver: 'netmiko', connection_args: ios, command: { name: 'r1' }, rendering: { name: 'jinja2', template: 'show {{ name }}' }, devices }],
  ['webhook shared', { driver: 'netmiko', connection_args: ios, command: 'show ver', webhook: { name: 'basic', url: 'http://127.0.0.1:9/hook' }, devices: devices.slice(0, 6) }],
  ['pyeapi (no file transfer)', { driver: 'pyeapi', connection_args: { username: 'u', password: 'p', transport: 'http' }, command: ['show version'], devices }],
  ['paramiko, fifo, file transfer shared and per device', { driver: 'paramiko', connection_args: { username: 'u', password: 'p' }, file_transfer: { operation: 'download', remote_path: '/etc/hosts' }, devices }],
  ['paramiko detach', { driver: 'paramiko', connection_args: { username: 'u', password: 'p' }, command: 'top', detach: 'true', push_interval: 5, devices: devices.slice(0, 4) }],
  ['napalm host alias', { driver: 'napalm', connection_args: { username: 'u', password: 'p', device_type: 'ios' }, command: 'show ver', devices: [{ hostname: 'r1' }, { hostname: 'r2', host: 'r2-addr' }, { hostname: 5 }, {}, { host: 'r3' }] }],
  ['base host, devices adding nothing', { driver: 'netmiko', connection_args: { ...ios, host: '10.9.9.9' }, command: 'show ver', devices: [{}, { port: 23 }, { command: 'x' }] }],
];

const SHARED_ERRORS: [string, Record<string, unknown>][] = [
  ['no driver', { connection_args: ios, command: 'x', devices }],
  ['unknown driver', { driver: 'telnetlib', connection_args: ios, command: 'x', devices }],
  ['ttl out of range', { driver: 'netmiko', connection_args: ios, command: 'x', ttl: 0, devices }],
  ['command and config', { driver: 'netmiko', connection_args: ios, command: 'x', config: 'y', devices }],
  ['push_interval without detach', { driver: 'paramiko', connection_args: ios, command: 'x', push_interval: 5, devices }],
  ['credential while disabled', { driver: 'netmiko', connection_args: ios, command: 'x', credential: { ref: 'kv/a' }, devices }],
  ['webhook not a dict', { driver: 'netmiko', connection_args: ios, command: 'x', webhook: 'http://x', devices }],
  ['unknown parser', { driver: 'netmiko', connection_args: ios, command: 'x', parsing: { name: 'nope' }, devices }],
];

describe('ExecRequestParser: a bulk request validated once, each device on its own', () => {
  const sut = build();

  it.each(TABLE)('answers every device as its whole request would: %s', (_name, body) => {
    expect(sharedOncePerDevice(sut, body)).toEqual(wholeRequestPerDevice(sut, body));
  });

  it('covers each kind of per-device failure', () => {
    const outcomes = TABLE.flatMap(([, body]) => wholeRequestPerDevice(sut, body));
    const statuses = new Set(outcomes.map((o) => ('error' in o ? o.error.status : 'parsed' in o ? 'ok' : 'no host')));
    expect([...statuses].sort()).toEqual([400, 422, 'no host', 'ok'].sort());
  });

  it.each(SHARED_ERRORS)('refuses a bad shared part whole as before: %s', (_name, body) => {
    const before = seen(() => sut.parse(body, undefined, { defaultTtl: 600, errorStyle: 'list', partial: true }));
    expect('error' in before).toBe(true);
    let after: Outcome = { noHost: true };
    try {
      sut.parseBulkBase(body, undefined);
    } catch (err) {
      if (err instanceof ApiError) after = { error: { status: err.status, body: JSON.parse(JSON.stringify(err.body)) } };
    }
    expect(after).toEqual(before);
  });
});
