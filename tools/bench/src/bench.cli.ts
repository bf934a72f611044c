import { workspaceRoot } from '@netpulse/launcher';
import { randomBytes } from 'node:crypto';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { bullmqConsumers } from './scenarios/bullmq-consumers.scenario';
import type { BenchContext } from './scenarios/bench-context';
import { largeResult } from './scenarios/large-result.scenario';
import { linuxTransfer } from './scenarios/linux-transfer.scenario';
import { saveLargeResultRun } from './report/large-result.study';
import { machineInfo } from './suite/machine.info';
import { profileSummary } from './profile/cpu-profile.summary';
import { pinnedDensity } from './scenarios/pinned-density.scenario';
import { FULL_SETTINGS, SMOKE_SETTINGS } from './suite/bench-settings';
import { renderMerged, renderSaved, runAll } from './suite/bench-all.command';
import { TeardownRegistry } from './suite/teardown.registry';

const USAGE = `usage: node dist/tools/bench/src/bench.cli.js <command>
  all [--smoke] [--only 1,2,2b,3,4,5,6,7] [--redis host:port] [--no-write] [--profile]
      the benchmark suite of issue 10; writes docs/benchmarks.md after a full run of every scenario
      (never in --smoke mode, never with --only, never with --no-write, never with --profile);
      --profile writes a CPU profile of every process to .netpulse/bench-profiles/
  render [results.json]
      rewrites docs/benchmarks.md from the figures a run saved (default: tools/bench/results/
      last-full-run.json, written with the report), e.g. after editing the analysis text; measures nothing
  render --merge <results.json>...
      the last full run with the scenarios of later --only runs (their results.json) put in; rewrites
      docs/benchmarks.md and the last full run's figures, noting which scenarios were measured again
  profile-summary <file.cpuprofile> [--top N]
      where one profiled process spent its CPU
  pinned-density [--devices N] [--idle S] | bullmq-consumers [--queues N] [--idle S] | linux-transfer [--mb N] | large-result [--mb N] [--save LABEL]
      single studies (they use the Redis at NETPULSE_REDIS__HOST/PORT, default 127.0.0.1:6379)
`;

const started = Date.now();
const progress = (m: string): void => void process.stdout.write(`[bench +${((Date.now() - started) / 1000).toFixed(1)}s] ${m}\n`);
const teardown = new TeardownRegistry(progress);

async function main(): Promise<void> {
  const args = process.argv.slice(2);
  const command = args[0] ?? 'help';
  const opt = (name: string): string | undefined => {
    const i = args.indexOf(`--${name}`);
    return i >= 0 ? args[i + 1] : undefined;
  };
  const num = (name: string, def: number): number => Number(opt(name) ?? def);
  const root = workspaceRoot();
  if (command === 'render' && args[1] === '--merge') {
    progress(`wrote ${renderMerged(root, args.slice(2))}`);
    return;
  }
  if (command === 'render') {
    progress(`wrote ${renderSaved(root, args[1])}`);
    return;
  }
  if (command === 'profile-summary') {
    process.stdout.write(`${profileSummary(args[1] ?? '', num('top', 25))}\n`);
    return;
  }
  teardown.trapSignals();
  const logRoot = join(root, '.netpulse', 'bench-logs', `run-${randomBytes(3).toString('hex')}`);
  mkdirSync(logRoot, { recursive: true });
  if (command === 'all') {
    if (args.includes('--profile')) {
      // Every process started from here on (apps, simulator) inherits NODE_OPTIONS; TestSystem passes it through.
      process.env.NODE_OPTIONS = `${process.env.NODE_OPTIONS ?? ''} --require ${join(__dirname, 'profile', 'cpu-profile.preload.js')}`.trim();
    }
    const failed = await runAll({ root, logRoot, progress, teardown, smoke: args.includes('--smoke'), only: opt('only')?.split(','), redis: opt('redis'), write: !args.includes('--no-write') && !args.includes('--profile') });
    process.exit(failed > 0 ? 1 : 0);
  }
  const ctx: BenchContext = {
    redisHost: process.env.NETPULSE_REDIS__HOST ?? '127.0.0.1',
    redisPort: Number(process.env.NETPULSE_REDIS__PORT ?? 6379),
    redisPid: 0,
    logRoot,
    progress,
    teardown,
    settings: args.includes('--smoke') ? SMOKE_SETTINGS : FULL_SETTINGS,
  };
  let result: unknown;
  switch (command) {
    case 'pinned-density':
      result = await pinnedDensity(ctx, num('devices', 1000), num('idle', 10));
      break;
    case 'bullmq-consumers':
      result = await bullmqConsumers(ctx, num('queues', 500), num('idle', 10));
      break;
    case 'linux-transfer':
      result = await linuxTransfer(ctx, num('mb', 1024));
      break;
    case 'large-result': {
      const r = await largeResult(ctx, num('mb', 64));
      const label = opt('save');
      if (label) progress(`saved in ${saveLargeResultRun(root, { label, commit: machineInfo('').commit, date: new Date().toISOString(), result: r })}; \`render\` puts it in docs/benchmarks.md`);
      result = r;
      break;
    }
    default:
      process.stdout.write(USAGE);
      return;
  }
  process.stdout.write(`${JSON.stringify(result, null, 2)}\n`);
  await teardown.runAll();
  process.exit(0);
}

main().catch(async (err: unknown) => {
  process.stderr.write(`bench failed: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`);
  await teardown.runAll();
  process.exit(1);
});
