import type { Command } from 'commander';
import { GlobalOptions, clientFor } from '../cli.context';
import { green, out, printJson, red } from '../output/terminal.output';
import { DeviceFlags, addConnectionOptions, connectionArgs, driverOf } from './device.options';

export function testCommand(program: Command): void {
  const cmd = program.command('test').description('connect to a device now and report (POST /device/test)');
  cmd.requiredOption('--host <address>', 'device address').option('--port <port>', 'SSH (or HTTP) port');
  addConnectionOptions(cmd);
  cmd.action(async (flags: DeviceFlags) => {
    const global = program.opts<GlobalOptions>();
    const res = await clientFor(global).testConnection({ driver: driverOf(flags), connection_args: await connectionArgs(flags) });
    if (global.json) printJson(res);
    else out(res.success ? green(`connected in ${res.latency.toFixed(3)} s`) : red(`failed after ${res.latency.toFixed(3)} s: ${res.error ?? ''}`));
    if (!res.success) process.exitCode = 1;
  });
}
