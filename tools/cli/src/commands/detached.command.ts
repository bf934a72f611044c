import type { Command } from 'commander';
import { setTimeout as sleep } from 'node:timers/promises';
import { GlobalOptions, clientFor } from '../cli.context';
import { out, printJson } from '../output/terminal.output';

export function detachedCommands(program: Command): void {
  const detached = program.command('detached').description('detached (background) tasks on Linux hosts');
  detached
    .command('list')
    .description('list detached tasks')
    .action(async () => printJson(await clientFor(program.opts<GlobalOptions>()).listDetachedTasks()));
  detached
    .command('logs <taskId>')
    .description("print a task's new output; --follow keeps reading until it completes")
    .option('--follow', 'keep reading every 2 s until the task completes')
    .action(async (taskId: string, f: { follow?: boolean }) => {
      const global = program.opts<GlobalOptions>();
      const client = clientFor(global);
      for (;;) {
        const res = await client.readDetachedTask(taskId);
        const results = (res.result as { stdout?: unknown }[] | undefined) ?? [];
        if (global.json) printJson(res);
        else for (const r of results) if (typeof r.stdout === 'string' && r.stdout !== '') process.stdout.write(r.stdout);
        if (!f.follow || res.status === 'completed') break;
        await sleep(2000);
      }
    });
  detached
    .command('kill <taskId>')
    .description('kill a detached task')
    .action(async (taskId: string) => {
      const res = await clientFor(program.opts<GlobalOptions>()).killDetachedTask(taskId);
      out(JSON.stringify(res));
    });
}
