import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { workspaceRoot } from '@netpulse/launcher';
import { bullmqConsumers } from './scenarios/bullmq-consumers.scenario';
import { linuxTransfer } from './scenarios/linux-transfer.scenario';
import type { BenchContext } from './scenarios/bench-context';
import { pinnedDensity } from './scenarios/pinned-density.scenario';

/** `node dist/tools/bench/src/bench.cli.js <scenario> [--devices N] [--queues N]`: prints progress and a JSON result. */
async function main(): Promise<void> {
  const args = process.argv.slice(2);
  const scenario = args[0] ?? 'help';
  const opt = (name: string, def: number): number => {
    const i = args.indexOf(`--${name}`);
    return i >= 0 ? Number(args[i + 1]) : def;
  };
  const root = workspaceRoot();
  const logRoot = join(root, '.netpulse', 'bench-logs');
  mkdirSync(logRoot, { recursive: true });
  const started = Date.now();
  const ctx: BenchContext = {
    redisHost: process.env.NETPULSE_REDIS__HOST ?? '127.0.0.1',
    redisPort: Number(process.env.NETPULSE_REDIS__PORT ?? 6379),
    logRoot,
    progress: (m) => process.stdout.write(`[bench +${((Date.now() - started) / 1000).toFixed(1)}s] ${m}\n`),
  };
  let result: unknown;
  switch (scenario) {
    case 'pinned-density':
      result = await pinnedDensity(ctx, opt('devices', 1000), opt('idle', 10));
      break;
    case 'bullmq-consumers':
      result = await bullmqConsumers(ctx, opt('queues', 500), opt('idle', 10));
      break;
    case 'linux-transfer':
      result = await linuxTransfer(ctx, opt('mb', 1024));
      break;
    default:
      process.stdout.write('scenarios: pinned-density [--devices N] [--idle S] | bullmq-consumers [--queues N] [--idle S] | linux-transfer [--mb N]\n');
      return;
  }
  process.stdout.write(`${JSON.stringify(result, null, 2)}\n`);
  process.exit(0);
}

main().catch((err: unknown) => {
  process.stderr.write(`bench failed: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`);
  process.exit(1);
});
