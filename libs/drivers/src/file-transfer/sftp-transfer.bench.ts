// Memory bench of SFTP transfers (not part of the test suite: jest only collects *.spec.ts,
// *.int-spec.ts and *.e2e-spec.ts). Run it explicitly, under jest so the global setup starts sshd:
//
//   NP_BENCH_MB=1024 npx jest --testMatch '**/sftp-transfer.bench.ts' --testTimeout 600000 libs/drivers
//
// It prints the worker's peak RSS growth while uploading and downloading one file of NP_BENCH_MB MiB.
// eslint-disable-next-line @nx/enforce-module-boundaries -- a bench runs like an int-spec, against the jest-started sshd
import { readTestEnv } from '@netpulse/testing';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ParamikoDriver } from '../paramiko/paramiko.driver';

const MB = Number(process.env.NP_BENCH_MB ?? 20);

async function peakRssGrowth(run: () => Promise<unknown>): Promise<{ baseMiB: number; peakMiB: number; growthMiB: number; seconds: number }> {
  const base = process.memoryUsage().rss;
  let peak = base;
  const timer = setInterval(() => {
    peak = Math.max(peak, process.memoryUsage().rss);
  }, 5);
  const started = Date.now();
  try {
    await run();
  } finally {
    clearInterval(timer);
  }
  peak = Math.max(peak, process.memoryUsage().rss);
  const mib = (n: number): number => Math.round((n / 1048576) * 10) / 10;
  return { baseMiB: mib(base), peakMiB: mib(peak), growthMiB: mib(peak - base), seconds: (Date.now() - started) / 1000 };
}

describe(`SFTP transfer memory, ${MB} MiB file`, () => {
  it('streams without holding the file in memory', async () => {
    const env = readTestEnv();
    const args = { host: env.sshHost, port: env.sshPort, username: env.sshUser, password: env.sshPassword };
    const session = await new ParamikoDriver().connect(args);
    const local = mkdtempSync(join(tmpdir(), 'np-bench-'));
    const remote = `/tmp/np-bench-${process.pid}.bin`;
    const ctx = { jobId: 'bench', signal: new AbortController().signal, maxOutputBytes: 1 << 20 };
    const req = { connection_args: args, driver_args: null, extras: {} };
    try {
      const src = join(local, 'src.bin');
      execFileSync('sh', ['-c', `head -c ${MB}M /dev/urandom > '${src}'`]);
      const up = await peakRssGrowth(() => session.transfer({ operation: 'upload', local_path: src, remote_path: remote }, req, ctx));
      const down = await peakRssGrowth(() => session.transfer({ operation: 'download', remote_path: remote, local_path: join(local, 'back.bin') }, req, ctx));
      process.stdout.write(`${JSON.stringify({ sizeMiB: MB, upload: up, download: down })}\n`);
      expect(up.growthMiB).toBeLessThan(MB + 64);
    } finally {
      await session.send([`rm -f ${remote}`], req, ctx);
      await session.close();
      rmSync(local, { recursive: true, force: true });
    }
  });
});
