import { DeviceFleet } from '../device/device.fleet';
import { fleetTable } from './fleet.table';
import { parseSimArgs, SimArgs, USAGE } from './sim-args.parser';

/**
 * `node dist/libs/device-sim/src/cli/sim.cli.js --devices N --platform P --bind 127.0.10.1`:
 * a foreground fleet of simulated devices for manual tests and benchmarks. Ctrl-C stops it.
 */
async function main(argv: readonly string[]): Promise<number> {
  let args: SimArgs;
  try {
    args = parseSimArgs(argv);
  } catch (err) {
    process.stderr.write(`${(err as Error).message}\n\n${USAGE}\n`);
    return 2;
  }
  if (args.help) {
    process.stdout.write(`${USAGE}\n`);
    return 0;
  }
  const total = args.fleet.count;
  const step = Math.max(1, Math.ceil(total / 10));
  const started = process.hrtime.bigint();
  process.stdout.write(`starting ${total} ${args.fleet.platform ?? 'cisco_ios'} device(s) from ${args.fleet.firstHost ?? '127.0.10.1'}...\n`);
  const fleet = await DeviceFleet.start({
    ...args.fleet,
    onProgress: (n) => {
      if (n % step === 0 || n === total) process.stdout.write(`  ${n}/${total} up\n`);
    },
  });
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  const rssMb = process.memoryUsage().rss / 2 ** 20;
  process.stdout.write(`\n${fleetTable(fleet.devices, args.listAll)}\n\n`);
  process.stdout.write(`${total} device(s) up in ${seconds.toFixed(2)} s, RSS ${rssMb.toFixed(0)} MB. Ctrl-C to stop.\n`);

  await new Promise<void>((resolve) => {
    process.once('SIGINT', resolve);
    process.once('SIGTERM', resolve);
  });
  process.stdout.write('\nstopping...\n');
  await fleet.stop();
  process.stdout.write('stopped.\n');
  return 0;
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (err: unknown) => {
    process.stderr.write(`sim: ${err instanceof Error ? err.message : String(err)}\n`);
    process.exit(1);
  },
);
