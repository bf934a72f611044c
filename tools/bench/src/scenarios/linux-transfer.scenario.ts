import type { JobInResponse } from '@netpulse/contracts';
import { TestSystem, startSshd } from '@netpulse/testing';
import { randomBytes } from 'node:crypto';
import { createWriteStream, mkdirSync, openAsBlob, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { pipeline } from 'node:stream/promises';
import { Readable, Writable } from 'node:stream';
import { MB } from '../measure/proc-stats';
import { RssFigures, sampledRss } from '../measure/rss-peak.sampler';
import type { BenchContext } from './bench-context';

export interface LinuxTransferResult {
  fileMB: number;
  uploadSeconds: number;
  upload: { controller: RssFigures; worker: RssFigures };
  downloadSeconds: number;
  fetchSeconds: number;
  download: { controller: RssFigures; worker: RssFigures };
}

/** The test user the suite's environment creates (`node dist/tools/testing/src/env/test-env.cli.js prepare`). */
const TEST_USER = 'nptest';
const TEST_PASSWORD_FILE = '/var/lib/netpulse-test/password';

/**
 * A large file through the whole system: a multipart `/device/exec` upload (controller streams it
 * to staging, the FIFO worker sends it over SFTP with `verify_file`), then a download into staging
 * fetched through its signed `download_url`. RSS of the controller and the worker is sampled every
 * 20 ms: it must stay flat, whatever the file size.
 */
export async function linuxTransfer(ctx: BenchContext, fileMB: number): Promise<LinuxTransferResult> {
  const dir = join(ctx.logRoot, `linux-transfer-${randomBytes(4).toString('hex')}`);
  const staging = join(dir, 'staging');
  mkdirSync(staging, { recursive: true });
  const sshd = await startSshd(join(dir, 'sshd'));
  const password = readFileSync(TEST_PASSWORD_FILE, 'utf8').trim();
  const local = join(dir, 'payload.bin');
  ctx.progress(`writing a ${fileMB} MiB file`);
  await pipeline(
    Readable.from((function* () {
      const chunk = randomBytes(MB);
      for (let i = 0; i < fileMB; i++) yield chunk;
    })()),
    createWriteStream(local),
  );
  const sys = await TestSystem.start({
    fifoWorkers: 1,
    env: { NETPULSE_STORAGE__STAGING: staging, NETPULSE_LOG__LEVEL: 'warning' },
    redis: { host: ctx.redisHost, port: ctx.redisPort, namespacePrefix: 'npbench', logRoot: ctx.logRoot },
  });
  const remote = `/tmp/np-bench-${randomBytes(4).toString('hex')}.bin`;
  const conn = { host: '127.0.0.1', port: sshd.port, username: TEST_USER, password };
  const pidOf = (role: string): number => sys.apps.find((a) => a.opts.role === role)?.pid ?? 0;
  try {
    ctx.progress(`uploading ${fileMB} MiB (multipart → staging → SFTP, verify_file)`);
    const up = await sampled(pidOf('controller'), pidOf('fifo-worker'), async () => {
      const form = new FormData();
      form.set('request', JSON.stringify({ driver: 'paramiko', connection_args: conn, file_transfer: { operation: 'upload', remote_path: remote, verify_file: true } }));
      form.set('file', await openAsBlob(local), 'payload.bin');
      const res = await fetch(`${sys.baseUrl}/device/exec`, { method: 'POST', headers: { 'X-API-KEY': sys.apiKey }, body: form });
      const job = await sys.api.waitForJob<JobInResponse>(((await res.json()) as JobInResponse).id, 1_800_000);
      const r = job.result?.retval?.[0];
      if (r?.exit_status !== 0 || r.metadata.md5_verified !== true) throw new Error(`upload failed: ${JSON.stringify(r)}`);
    });
    ctx.progress(`downloading it back into staging and fetching it through download_url`);
    let fetchSeconds = 0;
    const down = await sampled(pidOf('controller'), pidOf('fifo-worker'), async () => {
      const job = await sys.api.waitForJob<JobInResponse>((await sys.api.post<JobInResponse>('/device/exec', { driver: 'paramiko', connection_args: conn, file_transfer: { operation: 'download', remote_path: remote } })).body.id, 1_800_000);
      const url = job.result?.retval?.[0]?.download_url;
      if (!url) throw new Error(`download failed: ${JSON.stringify(job.result)}`);
      const t = Date.now();
      const res = await fetch(url);
      if (!res.ok || !res.body) throw new Error(`fetch answered ${res.status}`);
      let bytes = 0;
      await pipeline(Readable.fromWeb(res.body as import('node:stream/web').ReadableStream<Uint8Array>), new Writable({ write: (c: Buffer, _e, cb) => ((bytes += c.length), cb()) }));
      fetchSeconds = (Date.now() - t) / 1000;
      if (bytes !== fileMB * MB) throw new Error(`fetched ${bytes} bytes, expected ${fileMB * MB}`);
    });
    return { fileMB, uploadSeconds: up.seconds, upload: up.rss, downloadSeconds: down.seconds - fetchSeconds, fetchSeconds, download: down.rss };
  } finally {
    await sys.api.post('/device/exec', { driver: 'paramiko', connection_args: conn, command: `rm -f ${remote}` }).catch(() => undefined);
    await sys.stop();
    process.kill(sshd.pid, 'SIGTERM');
    rmSync(dir, { recursive: true, force: true });
  }
}

/** Runs `step` while sampling both processes' RSS every 20 ms. */
function sampled(controllerPid: number, workerPid: number, step: () => Promise<void>): Promise<{ seconds: number; rss: { controller: RssFigures; worker: RssFigures } }> {
  return sampledRss({ controller: controllerPid, worker: workerPid }, step);
}
