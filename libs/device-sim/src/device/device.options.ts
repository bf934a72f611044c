import { EapiOptions, resolveEapiOptions, ResolvedEapiOptions } from '../eapi/eapi.options';
import { assertLoopback } from '../net/loopback.address';

/** A command that triggers a fault: exact text (after trimming, case-insensitive) or a RegExp. */
export type CommandPattern = string | RegExp;

/** How one simulated device behaves. Every field is optional; defaults are given per field. */
export interface DeviceOptions {
  /** Public keys accepted for `publickey` auth, as OpenSSH lines (`ssh-ed25519 AAAA... comment`). Default: none. */
  authorizedKeys?: readonly string[];
  /** Text printed when a shell opens, before the first prompt. Default: the platform's banner. */
  banner?: string;
  /** Recent commands kept in `counters.commands` (the count is always exact). Default 10,000. */
  commandHistory?: number;
  /** When this command is entered the TCP connection dies mid-output (no SSH goodbye). */
  dropOnCommand?: CommandPattern;
  /** Also serve eAPI (JSON-RPC over HTTP/HTTPS) on the device address; `arista_eos` only. Default: off. */
  eapi?: EapiOptions;
  /** Reject every authentication attempt (each counts in `authFailures`). Default false. */
  failAuth?: boolean;
  /** When this command is entered the device streams log lines without end, until Ctrl-C or disconnect. */
  floodOnCommand?: CommandPattern;
  /** When this command is entered the device echoes it and never answers again (Ctrl-C included). */
  hangOnCommand?: CommandPattern;
  /** Loopback address to listen on (127.x.y.z): each device has its own. Default 127.0.0.1. */
  host?: string;
  /** Private host keys (PEM or OpenSSH). Default: an ed25519 and an RSA key generated once per process. */
  hostKeys?: readonly string[];
  /** Default: the platform's (`Switch`, `switch`, `HUAWEI`, ...). */
  hostname?: string;
  /** Close a shell after this many seconds without input (exec-timeout); fractions allowed, 0 = never. Default 0. */
  idleTimeoutSec?: number;
  /** Delay before each command's output, in ms. Default 0. */
  latencyMs?: number;
  /** Delay before each authentication answer, in ms (a TACACS round trip). Default 0. */
  loginDelayMs?: number;
  /** Concurrent SSH connections allowed; further ones are closed at TCP accept ("vty lines busy"). Default unlimited. */
  maxSessions?: number;
  /** Never print a prompt after login (output still comes). Default false. */
  noPrompt?: boolean;
  /** Default `admin`. */
  password?: string;
  /** Platform name from the registry (`cisco_ios`, `juniper_junos`, `huawei`, ...). Default `cisco_ios`. */
  platform?: string;
  /** TCP port; 0 picks a free one. Default 22. */
  port?: number;
  /** Enable secret. Default `admin`. */
  secret?: string;
  /** Lines per page before `--More--`; 0 never pages. Default: the platform's (24, or 0 for Linux). */
  terminalLength?: number;
  /**
   * Multiplies the device's timers (commit-confirm and rollback timers: IOS `configure replace ...
   * time`, EOS `commit timer`, Junos `commit confirmed`): 0.01 fires a one-minute timer after 0.6 s,
   * so tests see an automatic rollback without waiting. Default 1.
   */
  timerScale?: number;
  /** Default `admin`. */
  username?: string;
}

/** Options after defaults and validation. */
export interface ResolvedDeviceOptions {
  readonly authorizedKeys: readonly string[];
  readonly banner: string | undefined;
  readonly commandHistory: number;
  readonly dropOnCommand: CommandPattern | undefined;
  readonly eapi: ResolvedEapiOptions | undefined;
  readonly failAuth: boolean;
  readonly floodOnCommand: CommandPattern | undefined;
  readonly hangOnCommand: CommandPattern | undefined;
  readonly host: string;
  readonly hostKeys: readonly string[] | undefined;
  readonly hostname: string | undefined;
  readonly idleTimeoutSec: number;
  readonly latencyMs: number;
  readonly loginDelayMs: number;
  readonly maxSessions: number;
  readonly noPrompt: boolean;
  readonly password: string;
  readonly platform: string;
  readonly port: number;
  readonly secret: string;
  readonly terminalLength: number | undefined;
  readonly timerScale: number;
  readonly username: string;
}

function number(name: string, value: number | undefined, fallback: number, opts: { integer?: boolean; max?: number; min?: number } = {}): number {
  if (value === undefined) return fallback;
  const min = opts.min ?? 0;
  const ok = Number.isFinite(value) && value >= min && value <= (opts.max ?? Infinity) && (!opts.integer || Number.isInteger(value));
  if (!ok) throw new Error(`${name} must be a finite ${opts.integer ? 'integer' : 'number'} >= ${min}${opts.max === undefined ? '' : ` and <= ${opts.max}`}, got ${String(value)}`);
  return value;
}

/** Applies defaults and rejects bad options by name. */
export function resolveDeviceOptions(options: DeviceOptions): ResolvedDeviceOptions {
  const host = options.host ?? '127.0.0.1';
  assertLoopback(host);
  if (options.username === '') throw new Error('username must not be empty');
  return {
    authorizedKeys: options.authorizedKeys ?? [],
    banner: options.banner,
    commandHistory: number('commandHistory', options.commandHistory, 10_000, { integer: true }),
    dropOnCommand: options.dropOnCommand,
    eapi: resolveEapiOptions(options.eapi, options.platform ?? 'cisco_ios'),
    failAuth: options.failAuth ?? false,
    floodOnCommand: options.floodOnCommand,
    hangOnCommand: options.hangOnCommand,
    host,
    hostKeys: options.hostKeys,
    hostname: options.hostname,
    idleTimeoutSec: number('idleTimeoutSec', options.idleTimeoutSec, 0),
    latencyMs: number('latencyMs', options.latencyMs, 0),
    loginDelayMs: number('loginDelayMs', options.loginDelayMs, 0),
    maxSessions: number('maxSessions', options.maxSessions, Infinity, { min: 1 }),
    noPrompt: options.noPrompt ?? false,
    password: options.password ?? 'admin',
    platform: options.platform ?? 'cisco_ios',
    port: number('port', options.port, 22, { integer: true, max: 65535 }),
    secret: options.secret ?? 'admin',
    terminalLength: options.terminalLength === undefined ? undefined : number('terminalLength', options.terminalLength, 24, { integer: true }),
    timerScale: number('timerScale', options.timerScale, 1, { max: 1000 }),
    username: options.username ?? 'admin',
  };
}

/** Whether `command` triggers a fault configured as `pattern`. */
export function matchesCommand(pattern: CommandPattern | undefined, command: string): boolean {
  if (pattern === undefined) return false;
  if (typeof pattern === 'string') return pattern.trim().toLowerCase() === command.trim().toLowerCase();
  pattern.lastIndex = 0;
  return pattern.test(command.trim());
}
