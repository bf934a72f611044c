import type { Command } from 'commander';
import { readFileSync } from 'node:fs';
import { CliError } from '../cli.context';
import { promptHidden } from './hidden.prompt';

/** Device and payload options shared by `exec`, `bulk` and `test`. */
export interface DeviceFlags {
  host?: string;
  port?: string;
  deviceType?: string;
  driver?: string;
  username?: string;
  password?: boolean;
  passwordEnv?: string;
  secretEnv?: string;
  command?: string[];
  config?: string;
  pinned?: boolean;
  fifo?: boolean;
  parse?: string;
}

export function addConnectionOptions(cmd: Command): Command {
  return cmd
    .option('--device-type <type>', 'netmiko device_type (cisco_ios, arista_eos, juniper_junos, linux, ...)')
    .option('--driver <name>', 'netmiko, paramiko or pyeapi (default: netmiko; paramiko for --device-type linux)')
    .option('-u, --username <name>', 'login user')
    .option('-p, --password', 'ask for the password (never echoed, never stored)')
    .option('--password-env <VAR>', 'read the password from this environment variable')
    .option('--secret-env <VAR>', 'read the enable secret from this environment variable');
}

export function addPayloadOptions(cmd: Command): Command {
  return cmd
    .option('-c, --command <cmd...>', 'command(s) to run (a query)')
    .option('--config <file>', 'a file of config lines to apply (a config change)')
    .option('--pinned', "run on the device's pinned worker (kept-open session, strict order)")
    .option('--fifo', 'run on a FIFO worker (fresh session)')
    .option('--parse <kind>', 'parse output: ntc (ntc-templates for the device type)');
}

export function driverOf(flags: DeviceFlags): string {
  return flags.driver ?? (flags.deviceType === 'linux' ? 'paramiko' : 'netmiko');
}

/** connection_args from the flags; the password from a hidden prompt or an environment variable. */
export async function connectionArgs(flags: DeviceFlags, env: NodeJS.ProcessEnv = process.env): Promise<Record<string, unknown>> {
  const args: Record<string, unknown> = {};
  if (flags.host) args.host = flags.host;
  if (flags.port) {
    const port = Number(flags.port);
    if (!Number.isInteger(port) || port < 1 || port > 65535) throw new CliError(`--port must be a port number (got ${flags.port})`);
    args.port = port;
  }
  if (flags.deviceType) args.device_type = flags.deviceType;
  if (flags.username) args.username = flags.username;
  if (flags.passwordEnv) {
    const v = env[flags.passwordEnv];
    if (v === undefined) throw new CliError(`--password-env: ${flags.passwordEnv} is not set`);
    args.password = v;
  } else if (flags.password) args.password = await promptHidden('Password: ');
  if (flags.secretEnv) {
    const v = env[flags.secretEnv];
    if (v === undefined) throw new CliError(`--secret-env: ${flags.secretEnv} is not set`);
    args.secret = v;
  }
  return args;
}

/** command / config, queue_strategy and parsing of the request body. */
export function payloadOf(flags: DeviceFlags): Record<string, unknown> {
  const body: Record<string, unknown> = {};
  if (flags.command && flags.config) throw new CliError('give either --command or --config, not both');
  if (flags.command) body.command = flags.command;
  else if (flags.config) {
    const lines = readFileSync(flags.config, 'utf8').split(/\r?\n/).filter((l) => l.trim() !== '');
    if (lines.length === 0) throw new CliError(`--config: ${flags.config} has no lines`);
    body.config = lines;
  } else throw new CliError('nothing to run: give --command or --config');
  if (flags.pinned && flags.fifo) throw new CliError('give either --pinned or --fifo, not both');
  if (flags.pinned) body.queue_strategy = 'pinned';
  if (flags.fifo) body.queue_strategy = 'fifo';
  if (flags.parse) {
    if (flags.parse !== 'ntc') throw new CliError(`--parse: only "ntc" is known (got ${flags.parse})`);
    body.parsing = { name: 'textfsm', use_ntc_template: true };
  }
  return body;
}
