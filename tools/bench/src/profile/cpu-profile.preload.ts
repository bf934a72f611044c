import { mkdirSync, writeFileSync } from 'node:fs';
import { Session } from 'node:inspector';
import { join } from 'node:path';

/**
 * Loaded into every Node process of a run with `bench all --profile` (through NODE_OPTIONS
 * `--require`, since Node 20 refuses `--cpu-prof` there): samples the CPU from start to exit and
 * writes `<role>-<pid>.cpuprofile` into `.netpulse/bench-profiles/` of the working directory (the
 * apps run from the workspace root). Summarise one with `bench.cli.js profile-summary <file>`.
 */
const session = new Session();
session.connect();
session.post('Profiler.enable');
session.post('Profiler.setSamplingInterval', { interval: 500 });
session.post('Profiler.start');
let written = false;

process.on('exit', () => {
  if (written) return;
  written = true;
  // A same-thread inspector session answers synchronously, so this completes inside 'exit'.
  session.post('Profiler.stop', (err, res) => {
    if (err) return;
    const dir = join(process.cwd(), '.netpulse', 'bench-profiles');
    mkdirSync(dir, { recursive: true });
    const role = (process.argv[1] ?? 'node').split('/').slice(-3, -2)[0] ?? 'node';
    writeFileSync(join(dir, `${role}-${process.pid}.cpuprofile`), JSON.stringify(res.profile));
  });
});
