import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { LargeResultResult } from '../scenarios/large-result.scenario';

/** The saved runs of the large-result study (workspace-relative), rendered into docs/benchmarks.md. */
export const LARGE_RESULT_RUNS = 'tools/bench/results/large-result.json';

export interface LargeResultRun {
  /** What code ran, e.g. `before` / `after` a change. */
  label: string;
  commit: string;
  date: string;
  result: LargeResultResult;
}

export function loadLargeResultRuns(root: string): LargeResultRun[] {
  const file = join(root, LARGE_RESULT_RUNS);
  return existsSync(file) ? (JSON.parse(readFileSync(file, 'utf8')) as LargeResultRun[]) : [];
}

/** Keeps `run`, replacing an earlier run with the same label. */
export function saveLargeResultRun(root: string, run: LargeResultRun): string {
  const runs = loadLargeResultRuns(root).filter((r) => r.label !== run.label);
  runs.push(run);
  const file = join(root, LARGE_RESULT_RUNS);
  writeFileSync(file, `${JSON.stringify(runs, null, 2)}\n`);
  return file;
}

const times = (growthMB: number, sizeMB: number): string => `${(growthMB / sizeMB).toFixed(1)}×`;

/** The study's section of docs/benchmarks.md (empty when no run was saved). */
export function largeResultSection(runs: LargeResultRun[]): string[] {
  if (runs.length === 0) return [];
  const rows = runs.map((r) => {
    const x = r.result;
    return `| ${r.label} (\`${r.commit}\`, ${r.date.slice(0, 10)}) | ${x.resultMB} MiB | +${x.run.worker.growthMB} MiB (${times(x.run.worker.growthMB, x.resultMB)}) | +${x.read.controller.growthMB} MiB (${times(x.read.controller.growthMB, x.resultMB)}) | ${x.runSeconds.toFixed(1)} s | ${x.readSeconds.toFixed(1)} s |`;
  });
  return [
    '## Study: one large result (worker and controller memory)',
    '',
    'Not part of the suite: run on its own with `npm run build && node dist/tools/bench/src/bench.cli.js large-result --mb 64 --save <label>` (needs the test environment\'s sshd user; starts its own system on the local Redis). A command on a real sshd prints the whole `job.max_output_bytes` (64 MiB); the FIFO worker collects it and stores the result; then one `GET /jobs/{id}` answers it. RSS of each process is sampled every 20 ms; growth = peak − RSS before the step, so it includes garbage not yet collected.',
    '',
    '| code | result | worker growth (run and store) | controller growth (one GET /jobs/{id}) | run time | read time |',
    '|---|---|---|---|---|---|',
    ...rows,
    '',
    'Before: the worker kept the output as a list of chunks, concatenated them, decoded them, then built the JSON text of the result and the Redis command as two more whole copies; the controller parsed the stored JSON into an object and serialised it again into a string and a buffer. After: the worker collects output into one growing buffer and writes a large result to Redis in 1 MiB parts encoded one at a time; the controller sends the stored result bytes as they are, between the other fields. What remains in the worker is the output as bytes and as a string (and the garbage of the buffer\'s growth until it is collected); in the controller, the Redis reply.',
    '',
  ];
}
