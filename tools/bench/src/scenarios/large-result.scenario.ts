import type { JobInResponse } from '@netpulse/contracts';
import { TestSystem, startSshd } from '@netpulse/testing';
import { randomBytes } from 'node:crypto';
import { mkdirSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { JobRecordReader } from '../load/job-record.reader';
import { MB } from '../measure/proc-stats';
import { RssFigures, sampledRss } from '../measure/rss-peak.sampler';
import type { BenchContext } from './bench-context';
import { setTimeout as sleep } from 'node:timers/promises';

export interface LargeResultResult {
  resultMB: number;
  /** POST until the job is finished: the worker reads the output and stores the result. */
  runSeconds: number;
  run: { controller: RssFigures; worker: RssFigures };
  /** One `GET /jobs/{id}` answering the whole result. */
  readSeconds: number;
  read: { controller: RssFigures; worker: RssFigures };
  /** Bytes of that answer. */
  answerBytes: number;
}

/** The test user the suite's environment creates (`node dist/tools/testing/src/env/test-env.cli.js prepare`). */
const TEST_USER = 'nptest';
const TEST_PASSWORD_FILE = '/var/lib/netpulse-test/password';

/**
 * One large result through the whole system: a command printing `mb` MiB on a real sshd (paramiko,
 * one FIFO worker), then one `GET /jobs/{id}` reading it. RSS of the worker and the controller is
 * sampled every 20 ms in each step; growth over the result's size is the per-process cost.
 */
export async function largeResult(ctx: BenchContext, mb: number): Promise<LargeResultResult> {
  const dir = join(ctx.logRoot, `large-result-${randomBytes(4).toString('hex')}`);
  mkdirSync(dir, { recursive: true });
  const sshd = await startSshd(join(dir, 'sshd'));
  const password = readFileSync(TEST_PASSWORD_FILE, 'utf8').trim();
  const sys = await TestSystem.start({
    fifoWorkers: 1,
    env: { NETPULSE_LOG__LEVEL: 'warning', NETPULSE_JOB__MAX_OUTPUT_BYTES: String(mb * MB) },
    redis: { host: ctx.redisHost, port: ctx.redisPort, namespacePrefix: 'npbench', logRoot: ctx.logRoot },
  });
  const reader = new JobRecordReader(ctx.redisHost, ctx.redisPort, sys.namespace);
  const conn = { host: '127.0.0.1', port: sshd.port, username: TEST_USER, password };
  const pids = { controller: sys.apps.find((a) => a.opts.role === 'controller')?.pid ?? 0, worker: sys.apps.find((a) => a.opts.role === 'fifo-worker')?.pid ?? 0 };
  try {
    ctx.progress(`a command printing ${mb} MiB (paramiko, FIFO worker)`);
    let id = '';
    const run = await sampledRss(pids, async () => {
      const res = await sys.api.post<JobInResponse>('/device/exec', { driver: 'paramiko', connection_args: conn, command: `head -c ${mb * MB} /dev/zero | tr '\\0' x` });
      id = res.body.id;
      // Straight from Redis, so the controller does not read the result before the measured step.
      while (!(await reader.terminal([id])).has(id)) await sleep(100);
    });
    ctx.progress('reading it with one GET /jobs/{id}');
    let answerBytes = 0;
    const read = await sampledRss(pids, async () => {
      const res = await fetch(`${sys.baseUrl}/jobs/${id}`, { headers: { 'X-API-KEY': sys.apiKey } });
      if (!res.ok || !res.body) throw new Error(`GET /jobs/${id} answered ${res.status}`);
      const body = res.body.getReader();
      let tail = '';
      for (;;) {
        const { done, value } = await body.read();
        if (done) break;
        answerBytes += value.length;
        tail = Buffer.from(value.subarray(Math.max(0, value.length - 200))).toString('latin1');
      }
      if (!tail.includes('"queue_time"')) throw new Error('the answer did not end like a job');
    });
    if (answerBytes < mb * MB) throw new Error(`the answer had ${answerBytes} bytes, less than the ${mb} MiB result`);
    return { resultMB: mb, runSeconds: run.seconds, run: run.rss, readSeconds: read.seconds, read: read.rss, answerBytes };
  } finally {
    reader.close();
    await sys.stop();
    process.kill(sshd.pid, 'SIGTERM');
    rmSync(dir, { recursive: true, force: true });
  }
}
