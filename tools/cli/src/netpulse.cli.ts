import { Command } from 'commander';
import { bulkCommand } from './commands/bulk.command';
import { detachedCommands } from './commands/detached.command';
import { testCommand } from './commands/device-test.command';
import { execCommand } from './commands/exec.command';
import { jobsCommands } from './commands/jobs.command';
import { templateCommands } from './commands/templates.command';

/** The `netpulse` program: global options, then one sub-command per task. */
export function buildProgram(): Command {
  const program = new Command('netpulse')
    .description('Run commands on network devices through a NetPulse server.\nServer and key: --url/--api-key, NETPULSE_URL/NETPULSE_API_KEY, or ~/.config/netpulse/config.yaml (url:, api_key:).')
    .option('--url <url>', 'NetPulse controller URL (default http://127.0.0.1:9000)')
    .option('--api-key <key>', 'API key (prefer NETPULSE_API_KEY: flags show in the process list)')
    .option('--json', 'machine-readable JSON output')
    .showHelpAfterError();
  execCommand(program);
  bulkCommand(program);
  jobsCommands(program);
  testCommand(program);
  templateCommands(program);
  detachedCommands(program);
  return program;
}

/** Runs the command line; exit codes: 0 ok, 1 a device or job failed, 2 usage, 3 server error. */
export async function runCli(argv: string[]): Promise<void> {
  await buildProgram().parseAsync(argv);
}
