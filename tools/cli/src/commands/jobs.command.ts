import type { Command } from 'commander';
import { JobInResponse, TERMINAL_STATUSES } from '@netpulse/contracts';
import { NetpulseApiError, NetpulseClient } from '@netpulse/client';
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
    .description("show one job; --watch follows it until it ends (and a detached launch's output until the task ends)")
    .option('--watch', 'print each state change until the job ends')
    .action(async (id: string, f: { watch?: boolean }) => {
      const global = program.opts<GlobalOptions>();
      const client = clientFor(global);
      const job = f.watch ? await watchJob(client, id, global.json === true) : await client.getJob(id);
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

/**
 * Follows a job through its event stream: each state change on stderr and, for a detached launch,
 * the task's output on stdout as it arrives (human mode only). A server without the event stream
 * (NetPulse 0.4) is followed by long-polling instead. Resolves the job as it ended.
 */
async function watchJob(client: NetpulseClient, id: string, json: boolean): Promise<JobInResponse> {
  const note = (text: string): void => {
    if (!json) process.stderr.write(`${new Date().toISOString()}  ${text}\n`);
  };
  let last: JobInResponse | null = null;
  try {
    for await (const ev of client.jobEvents(id)) {
      if (ev.event === 'output') {
        if (!json) process.stdout.write(String((ev.data as { output?: unknown }).output ?? ''));
      } else if (ev.event === 'task-ended') {
        const d = ev.data as { task_id?: string; status?: string; reason?: string };
        note(`detached task ${d.task_id ?? ''} ${d.status ?? ''}${d.reason ? `: ${d.reason}` : ''}`);
      } else {
        last = ev.data as JobInResponse;
        note(statusText(last.status));
      }
    }
  } catch (err) {
    // 404 for a job that exists (`getJob` throws the 404 of a missing one): a server without
    // `GET /jobs/{id}/events`, followed by long-polling below.
    if (!(err instanceof NetpulseApiError && err.status === 404)) throw err;
    await client.getJob(id);
  }
  // No stream, or it closed early (a proxy timeout, a restart): the job's state now, waiting for its end.
  return last && TERMINAL_STATUSES.includes(last.status) ? last : client.waitForJob(id, { onUpdate: (j) => note(statusText(j.status)) });
}
