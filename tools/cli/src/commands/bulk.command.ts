import type { JobInResponse } from '@netpulse/contracts';
import { SingleBar } from 'cli-progress';
import type { Command } from 'commander';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { GlobalOptions, clientFor } from '../cli.context';
import { readInventory } from '../inventory/inventory.reader';
import { green, jobSucceeded, out, printJson, red, statusText, table } from '../output/terminal.output';
import { DeviceFlags, addConnectionOptions, addPayloadOptions, connectionArgs, driverOf, payloadOf } from './device.options';

/** Jobs followed at once (each is one long-poll connection). */
const FOLLOW_CONCURRENCY = 32;

interface Outcome {
  host: string;
  status: string;
  exit: string;
  duration: string;
  note: string;
  ok: boolean;
  job?: JobInResponse;
}

export function bulkCommand(program: Command): void {
  const cmd = program.command('bulk').description('run the same commands or config on every device of an inventory, with live progress');
  cmd.requiredOption('--inventory <file>', 'devices: a CSV (header row; columns are connection_args) or a YAML/JSON list');
  addConnectionOptions(cmd);
  addPayloadOptions(cmd);
  cmd.option('--out <dir>', 'write each device\'s output to <dir>/<host>.txt');
  cmd.action(async (flags: DeviceFlags & { inventory: string; out?: string }) => {
    const global = program.opts<GlobalOptions>();
    const client = clientFor(global);
    const rows = readInventory(flags.inventory);
    const outcomes: Outcome[] = [];
    for (const r of rows) if ('error' in r) outcomes.push({ host: `(line ${r.line})`, status: 'invalid', exit: '', duration: '', note: r.error, ok: false });
    const devices = rows.flatMap((r) => ('device' in r ? [r.device] : []));
    const body = { driver: driverOf(flags), connection_args: await connectionArgs(flags), ...payloadOf(flags), devices };
    const res = devices.length > 0 ? await client.bulk(body) : { succeeded: [], failed: [] };
    for (const f of res.failed) outcomes.push({ host: f.host ?? '(no host)', status: 'refused', exit: '', duration: '', note: f.reason, ok: false });

    const showBar = !global.json && process.stderr.isTTY === true;
    const bar = new SingleBar(
      { format: 'progress [{bar}] {value}/{total} | ✓ {ok} ✗ {failed} ⧗ {running} running | {duration_formatted} | {rate} jobs/s', hideCursor: true, stream: process.stderr, barCompleteChar: '█', barIncompleteChar: '░' },
    );
    const started = Date.now();
    const counts = { ok: 0, failed: 0, running: res.succeeded.length };
    const tick = (): void => {
      const done = counts.ok + counts.failed;
      bar.update(done, { ...counts, rate: (done / Math.max(0.001, (Date.now() - started) / 1000)).toFixed(1) });
    };
    if (showBar) {
      bar.start(res.succeeded.length, 0, { ...counts, rate: '0.0' });
    }
    const timer = showBar ? setInterval(tick, 250) : null;
    const queue = [...res.succeeded];
    const follow = async (): Promise<void> => {
      for (let q = queue.shift(); q; q = queue.shift()) {
        const host = q.device_name ?? '?';
        try {
          const job = await client.waitForJob(q.id);
          const ok = jobSucceeded(job);
          const firstBad = (job.result?.retval ?? []).find((r) => r.exit_status !== 0);
          outcomes.push({
            host, status: job.status, ok, job,
            exit: (job.result?.retval ?? []).map((r) => String(r.exit_status)).join(','),
            duration: job.duration === null ? '' : `${job.duration.toFixed(2)} s`,
            note: (job.result?.error ? `${job.result.error.type}: ${job.result.error.message}` : firstBad?.stderr ?? '').split('\n')[0].slice(0, 80),
          });
          counts[ok ? 'ok' : 'failed']++;
        } catch (err) {
          outcomes.push({ host, status: 'unknown', exit: '', duration: '', note: (err as Error).message, ok: false });
          counts.failed++;
        }
        counts.running--;
        if (showBar) tick();
      }
    };
    await Promise.all(Array.from({ length: Math.min(FOLLOW_CONCURRENCY, queue.length) }, follow));
    if (timer) clearInterval(timer);
    if (showBar) {
      tick();
      bar.stop();
    }
    if (flags.out) writeOutputs(flags.out, outcomes);
    const failed = outcomes.filter((o) => !o.ok).length;
    if (global.json) printJson({ succeeded: outcomes.filter((o) => o.ok).map((o) => o.job), failed: outcomes.filter((o) => !o.ok).map(({ job, ...rest }) => ({ ...rest, id: job?.id ?? null })) });
    else {
      outcomes.sort((a, b) => a.host.localeCompare(b.host));
      out(table(['device', 'status', 'exit', 'time', 'note'], outcomes.map((o) => [o.host, statusText(o.status), o.exit, o.duration, o.note])));
      out(`${outcomes.length} devices: ${green(`${outcomes.length - failed} ok`)}, ${failed > 0 ? red(`${failed} failed`) : '0 failed'} in ${((Date.now() - started) / 1000).toFixed(1)} s`);
    }
    if (failed > 0) process.exitCode = 1;
  });
}

/** `<dir>/<host>.txt`: each command and its output, as plain text. */
function writeOutputs(dir: string, outcomes: Outcome[]): void {
  mkdirSync(dir, { recursive: true });
  for (const o of outcomes) {
    if (!o.job) continue;
    const text = (o.job.result?.retval ?? [])
      .map((r) => `$ ${r.command}\n${typeof r.stdout === 'string' ? r.stdout : JSON.stringify(r.stdout)}${r.stderr ? `\n[stderr] ${r.stderr}` : ''}\n`)
      .join('\n');
    writeFileSync(join(dir, `${o.host.replace(/[^A-Za-z0-9_.:-]/g, '_')}.txt`), text || `${o.job.status}: ${o.job.result?.error?.message ?? ''}\n`);
  }
}
