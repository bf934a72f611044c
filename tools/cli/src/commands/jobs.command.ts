import type { Command } from 'commander';
import { GlobalOptions, clientFor } from '../cli.context';
import { describeJob, dim, jobSucceeded, out, printJson, statusText, table } from '../output/terminal.output';

export function jobsCommands(program: Command): void {
  program
    .command('jobs')
    .description('list jobs')
    .option('--host <host>', 'only this device')
    .option('--status <status>', 'queued, started, finished, failed, stopped, canceled')
    .option('--queue <queue>', 'FifoQ or HostQ_<host>')
    .option('--limit <n>', 'at most this many', (v) => Number(v))
    .action(async (f: { host?: string; status?: string; queue?: string; limit?: number }) => {
      const global = program.opts<GlobalOptions>();
      const jobs = await clientFor(global).listJobs(f);
      if (global.json) return printJson(jobs);
      out(table(['id', 'status', 'queue', 'device', 'created', 'time'], jobs.map((j) => [j.id, statusText(j.status), j.queue ?? '', j.device_name ?? '', j.created_at ?? '', j.duration === null ? '' : `${j.duration.toFixed(2)} s`])));
      out(dim(`${jobs.length} jobs`));
    });

  program
    .command('job <id>')
    .description('show one job; --watch follows it until it ends')
    .option('--watch', 'print each state change until the job ends')
    .action(async (id: string, f: { watch?: boolean }) => {
      const global = program.opts<GlobalOptions>();
      const client = clientFor(global);
      const job = f.watch
        ? await client.waitForJob(id, { onUpdate: (j) => global.json || process.stderr.write(`${new Date().toISOString()}  ${statusText(j.status)}\n`) })
        : await client.getJob(id);
      if (global.json) printJson(job);
      else out(describeJob(job));
      if (f.watch && !jobSucceeded(job)) process.exitCode = 1;
    });

  program
    .command('cancel <id>')
    .description('cancel a queued job, or stop a running one')
    .action(async (id: string) => {
      const global = program.opts<GlobalOptions>();
      const res = await clientFor(global).cancelJob(id);
      if (global.json) printJson(res);
      else out(`asked to cancel ${id}`);
    });

  program
    .command('workers')
    .description('list workers (FIFO workers, node workers and their pinned workers)')
    .action(async () => {
      const global = program.opts<GlobalOptions>();
      const workers = await clientFor(global).listWorkers();
      if (global.json) return printJson(workers);
      out(table(['name', 'status', 'host', 'queues', 'ok', 'failed', 'heartbeat'], workers.map((w) => [w.name, w.status, w.hostname, w.queues.join(' '), String(w.successful_job_count), String(w.failed_job_count), w.last_heartbeat ?? ''])));
    });
}
