import type { JobInResponse } from '@netpulse/contracts';
import { TestSystem, startSshd } from '@netpulse/testing';
import { randomBytes } from 'node:crypto';
import { mkdirSync, readFileSync, rmSync } from 'node:fs';
import { createServer, IncomingMessage, Server, ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { JobRecordReader } from '../load/job-record.reader';
import { MB } from '../measure/proc-stats';
import { RssFigures, sampledRss } from '../measure/rss-peak.sampler';
import { PrivateRedisServer } from '../suite/private-redis.server';
import type { BenchContext } from './bench-context';

type Proc = 'controller' | 'worker' | 'redis';

/** One measured step: its time and the RSS growth of each process while it ran. */
export interface LargeResultStep {
  seconds: number;
  rss: Record<Proc, RssFigures>;
}

export interface LargeResultResult {
  resultMB: number;
  /** POST until the job is finished: the worker reads the output and stores the result. */
  runSeconds: number;
  run: { controller: RssFigures; worker: RssFigures; redis?: RssFigures };
  /** One `GET /jobs/{id}` answering the whole result. */
  readSeconds: number;
  read: { controller: RssFigures; worker: RssFigures; redis?: RssFigures };
  /** Bytes of that answer. */
  answerBytes: number;
  /** One `GET /jobs` listing that job (the system's only one, with its result) after the GET. */
  list?: LargeResultStep;
  /** The same command with a webhook to a loopback receiver: run, store and send the webhook body (until the receiver has it all). */
  webhook?: LargeResultStep;
  /** One `POST /device/exec?wait=60` of the same command: run, store and answer in one request. */
  waitPost?: LargeResultStep;
  /** A pyeapi job whose JSON answer is `mb` MiB: the object result run and stored, then read once. */
  pyeapiRun?: LargeResultStep;
  pyeapiRead?: LargeResultStep;
}

/** The test user the suite's environment creates (`node dist/tools/testing/src/env/test-env.cli.js prepare`). */
const TEST_USER = 'nptest';
const TEST_PASSWORD_FILE = '/var/lib/netpulse-test/password';

/**
 * One large result through the whole system, on a Redis of its own (its memory is measured too): a
 * command printing `mb` MiB on a real sshd (paramiko, one FIFO worker), then one `GET /jobs/{id}`
 * reading it; the same command once more as `POST /device/exec?wait=60`; then a pyeapi job whose
 * eAPI answer is a JSON object of `mb` MiB (from a stand-in eAPI endpoint in this process), run and
 * read. RSS of the worker, the controller and Redis is sampled every 20 ms in each step; growth over
 * the result's size is the per-process cost.
 */
export async function largeResult(ctx: BenchContext, mb: number): Promise<LargeResultResult> {
  const dir = join(ctx.logRoot, `large-result-${randomBytes(4).toString('hex')}`);
  mkdirSync(dir, { recursive: true });
  const sshd = await startSshd(join(dir, 'sshd'));
  const eapi = await bigEapiServer(mb);
  const hook = await webhookReceiver();
  const password = readFileSync(TEST_PASSWORD_FILE, 'utf8').trim();
  const conn = { host: '127.0.0.1', port: sshd.port, username: TEST_USER, password };
  const command = `head -c ${mb * MB} /dev/zero | tr '\\0' x`;
  let systems = 0;
  /**
   * Each part on a system and a Redis of its own, so every step's baseline is a process that has not
   * yet held a large result (a process keeps the memory of an earlier peak).
   */
  const onFreshSystem = async <T>(part: (s: { sys: TestSystem; pids: Record<Proc, number>; untilEnded: (id: string) => Promise<void> }) => Promise<T>): Promise<T> => {
    const redis = await PrivateRedisServer.start(join(dir, `redis-${systems++}`));
    const sys = await TestSystem.start({
      fifoWorkers: 1,
      env: { NETPULSE_LOG__LEVEL: 'warning', NETPULSE_JOB__MAX_OUTPUT_BYTES: String(mb * MB) },
      redis: { host: redis.host, port: redis.port, namespacePrefix: 'npbench', logRoot: ctx.logRoot },
    });
    const reader = new JobRecordReader(redis.host, redis.port, sys.namespace);
    const pids: Record<Proc, number> = { controller: sys.apps.find((a) => a.opts.role === 'controller')?.pid ?? 0, worker: sys.apps.find((a) => a.opts.role === 'fifo-worker')?.pid ?? 0, redis: redis.pid };
    const untilEnded = async (id: string): Promise<void> => {
      // Straight from Redis, so the controller does not read the result before the measured step.
      while (!(await reader.terminal([id])).has(id)) await sleep(100);
    };
    try {
      return await part({ sys, pids, untilEnded });
    } finally {
      reader.close();
      await sys.stop();
      await redis.stop();
    }
  };
  /** Reads one answer to its end; returns its size in bytes and checks it is a whole job of at least `mb` MiB. */
  const drain = async (res: Response): Promise<number> => {
    if (!res.ok || !res.body) throw new Error(`answered ${res.status}`);
    const body = res.body.getReader();
    let bytes = 0;
    let tail = '';
    let head = '';
    for (;;) {
      const { done, value } = await body.read();
      if (done) break;
      bytes += value.length;
      if (head.length < 2000) head += Buffer.from(value.subarray(0, 2000)).toString('utf8');
      tail = Buffer.from(value.subarray(Math.max(0, value.length - 200))).toString('latin1');
    }
    if (!tail.includes('"queue_time"')) throw new Error('the answer did not end like a job');
    if (bytes < mb * MB) throw new Error(`the answer had ${bytes} bytes, less than the ${mb} MiB result: ${head.slice(0, 2000)}`);
    return bytes;
  };
  try {
    const first = await onFreshSystem(async ({ sys, pids, untilEnded }) => {
      const headers = { 'X-API-KEY': sys.apiKey };
      ctx.progress(`a command printing ${mb} MiB (paramiko, FIFO worker)`);
      let id = '';
      const run = await sampledRss(pids, async () => {
        const res = await sys.api.post<JobInResponse>('/device/exec', { driver: 'paramiko', connection_args: conn, command });
        id = res.body.id;
        await untilEnded(id);
      });
      ctx.progress('reading it with one GET /jobs/{id}');
      await settle();
      let answerBytes = 0;
      const read = await sampledRss(pids, async () => {
        answerBytes = await drain(await fetch(`${sys.baseUrl}/jobs/${id}`, { headers }));
      });
      // The system's only job: the listing holds it with its result.
      ctx.progress('listing it with one GET /jobs');
      await settle();
      const list = await sampledRss(pids, async () => {
        await drain(await fetch(`${sys.baseUrl}/jobs`, { headers }));
      });
      return { run, read, answerBytes, list };
    });
    const waitPost = await onFreshSystem(async ({ sys, pids }) => {
      ctx.progress('the same command as one POST /device/exec?wait=60 (a fresh system)');
      const headers = { 'X-API-KEY': sys.apiKey, 'Content-Type': 'application/json' };
      return sampledRss(pids, async () => {
        await drain(await fetch(`${sys.baseUrl}/device/exec?wait=60`, { method: 'POST', headers, body: JSON.stringify({ driver: 'paramiko', connection_args: conn, command }) }));
      });
    });
    const webhook = await onFreshSystem(async ({ sys, pids }) => {
      ctx.progress('the same command with a webhook to a loopback receiver (a fresh system)');
      const before = hook.received;
      return sampledRss(pids, async () => {
        const res = await sys.api.post<JobInResponse>('/device/exec', { driver: 'paramiko', connection_args: conn, command, webhook: { url: hook.url } });
        if (res.status !== 201) throw new Error(`webhook job refused: ${res.status} ${JSON.stringify(res.body)}`);
        const deadline = Date.now() + 120_000;
        while (hook.received === before) {
          if (Date.now() > deadline) throw new Error('the webhook never arrived');
          await sleep(50);
        }
        if (hook.lastBytes < mb * MB) throw new Error(`the webhook body had ${hook.lastBytes} bytes, less than the ${mb} MiB result`);
      });
    });
    const pyeapi = await onFreshSystem(async ({ sys, pids, untilEnded }) => {
      ctx.progress(`a pyeapi job whose JSON answer is ${mb} MiB (a fresh system)`);
      let id = '';
      const run = await sampledRss(pids, async () => {
        const res = await sys.api.post<JobInResponse>('/device/exec', { driver: 'pyeapi', queue_strategy: 'fifo', connection_args: { transport: 'http', host: '127.0.0.1', port: eapi.port, username: 'admin', password: 'admin' }, command: 'show interfaces' });
        if (res.status !== 201) throw new Error(`pyeapi job refused: ${res.status} ${JSON.stringify(res.body)}`);
        id = res.body.id;
        await untilEnded(id);
      });
      await settle();
      const read = await sampledRss(pids, async () => {
        await drain(await fetch(`${sys.baseUrl}/jobs/${id}`, { headers: { 'X-API-KEY': sys.apiKey } }));
      });
      return { run, read };
    });
    return {
      resultMB: mb,
      runSeconds: first.run.seconds,
      run: first.run.rss,
      readSeconds: first.read.seconds,
      read: first.read.rss,
      answerBytes: first.answerBytes,
      list: first.list,
      webhook,
      waitPost,
      pyeapiRun: pyeapi.run,
      pyeapiRead: pyeapi.read,
    };
  } finally {
    await new Promise((r) => eapi.server.close(r));
    hook.server.closeAllConnections();
    await new Promise((r) => hook.server.close(r));
    process.kill(sshd.pid, 'SIGTERM');
    rmSync(dir, { recursive: true, force: true });
  }
}

/** Lets the processes collect the previous step's garbage before the next baseline is taken. */
const settle = (): Promise<unknown> => sleep(3000);

/**
 * A stand-in eAPI endpoint: every `runCmds` of the job gets one JSON object of about `mb` MiB
 * (interface rows), built once as bytes; only the request's id is spliced in. The `show version` the
 * driver sends at connect gets a small answer.
 */
async function bigEapiServer(mb: number): Promise<{ server: Server; port: number }> {
  const rows: string[] = [];
  let size = 0;
  for (let i = 0; size < mb * MB; i++) {
    const row = `"Ethernet${i}":{"description":"${'d'.repeat(40)}","lineProtocolStatus":"up","interfaceCounters":{"inOctets":${i * 1000},"outOctets":${i * 2000}}}`;
    rows.push(row);
    size += row.length + 1;
  }
  const body = Buffer.from(`{"interfaces":{${rows.join(',')}}}]}`);
  rows.length = 0;
  const server = createServer((req: IncomingMessage, res: ServerResponse) => {
    const parts: Buffer[] = [];
    req.on('data', (d: Buffer) => parts.push(d));
    req.on('end', () => {
      const call = JSON.parse(Buffer.concat(parts).toString('utf8')) as { id: unknown; params: { cmds: unknown[] } };
      // The driver's login check at connect: answered small, as a device does (only the job's answer is large).
      if (call.params.cmds.length === 1 && call.params.cmds[0] === 'show version') {
        res.writeHead(200, { 'content-type': 'application/json' });
        res.end(JSON.stringify({ jsonrpc: '2.0', id: call.id, result: [{ modelName: 'vEOS-lab', version: '4.28.0F' }] }));
        return;
      }
      // One answer per command (`enable` first): empty objects, the big one last.
      const head = Buffer.from(`{"jsonrpc":"2.0","id":${JSON.stringify(call.id)},"result":[${'{},'.repeat(call.params.cmds.length - 1)}`);
      res.writeHead(200, { 'content-type': 'application/json', 'content-length': head.length + body.length });
      res.write(head);
      res.end(body);
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  return { server, port: (server.address() as AddressInfo).port };
}

/** A stand-in webhook receiver: reads each body to its end (counting, not keeping it) and answers 200. */
async function webhookReceiver(): Promise<{ server: Server; url: string; received: number; lastBytes: number }> {
  const state = { server: createServer(), url: '', received: 0, lastBytes: 0 };
  state.server.on('request', (req: IncomingMessage, res: ServerResponse) => {
    let bytes = 0;
    req.on('data', (d: Buffer) => void (bytes += d.length));
    req.on('end', () => {
      state.lastBytes = bytes;
      state.received++;
      res.writeHead(200).end();
    });
  });
  await new Promise<void>((r) => state.server.listen(0, '127.0.0.1', r));
  state.url = `http://127.0.0.1:${(state.server.address() as AddressInfo).port}/hook`;
  return state;
}
