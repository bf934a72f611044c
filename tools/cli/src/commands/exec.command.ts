import type { Command } from 'commander';
import { GlobalOptions, clientFor } from '../cli.context';
import { describeJob, jobSucceeded, out, printJson } from '../output/terminal.output';
import { DeviceFlags, addConnectionOptions, addPayloadOptions, connectionArgs, driverOf, payloadOf } from './device.options';

export function execCommand(program: Command): void {
  const cmd = program.command('exec').description('run commands or a config on one device and show the result');
  cmd.requiredOption('--host <address>', 'device address').option('--port <port>', 'SSH (or HTTP) port');
  addConnectionOptions(cmd);
  addPayloadOptions(cmd);
  cmd.option('--no-wait', 'print the queued job and return at once');
  cmd.action(async (flags: DeviceFlags & { wait: boolean }) => {
    const global = program.opts<GlobalOptions>();
    const client = clientFor(global);
    const body = { driver: driverOf(flags), connection_args: await connectionArgs(flags), ...payloadOf(flags) };
    const queued = await client.exec(body);
    if (!flags.wait) {
      if (global.json) printJson(queued);
      else out(`queued job ${queued.id} on ${queued.queue}`);
      return;
    }
    const job = await client.waitForJob(queued.id);
    if (global.json) printJson(job);
    else out(describeJob(job));
    if (!jobSucceeded(job)) process.exitCode = 1;
  });
}
