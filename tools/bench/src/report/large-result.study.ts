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
const growth = (fig: { growthMB: number } | undefined, sizeMB: number): string => (fig ? `+${fig.growthMB} MiB (${times(fig.growthMB, sizeMB)})` : '–');

/** The study's section of docs/benchmarks.md (empty when no run was saved). */
export function largeResultSection(runs: LargeResultRun[]): string[] {
  if (runs.length === 0) return [];
  const rows = runs.map((r) => {
    const x = r.result;
    const mb = x.resultMB;
    return [
      `${r.label} (\`${r.commit}\`, ${r.date.slice(0, 10)})`,
      `${mb} MiB`,
      growth(x.run.worker, mb),
      growth(x.run.redis, mb),
      growth(x.read.controller, mb),
      growth(x.waitPost?.rss.controller, mb),
      growth(x.pyeapiRun?.rss.worker, mb),
      growth(x.pyeapiRun?.rss.redis, mb),
      growth(x.webhook?.rss.worker, mb),
      growth(x.list?.rss.controller, mb),
      `${x.runSeconds.toFixed(1)} s / ${x.readSeconds.toFixed(1)} s`,
    ].join(' | ');
  });
  return [
    '## Study: one large result (worker, controller and Redis memory)',
    '',
    'Not part of the suite: run on its own with `npm run build && node dist/tools/bench/src/bench.cli.js large-result --mb 64 --save <label>` (needs the test environment\'s sshd user; each part starts its own system on a Redis of its own, run as the README recommends for production: AOF, `appendfsync everysec`). A command on a real sshd prints the whole `job.max_output_bytes` (64 MiB); the FIFO worker collects it and stores the result; then one `GET /jobs/{id}` answers it and one `GET /jobs` lists it. On a fresh system the same command goes as one `POST /device/exec?wait=60`; on another, with a webhook to a stand-in receiver on loopback (measured until the receiver has read the whole body); on another, a pyeapi job gets a 64 MiB JSON object from a stand-in eAPI endpoint, then one `GET /jobs/{id}` reads it. RSS of each process is sampled every 20 ms; growth = peak − RSS before the step, so it includes garbage not yet collected. Runs before 2026-12-05 measured the worker and the controller only, on the shared Redis; the webhook and listing columns exist from the run before the third change on. Until the run before the fourth change, the stand-in eAPI endpoint also answered the driver\'s `show version` at connect with the 64 MiB object, which the session parsed and kept beside the job\'s answer: the pyeapi columns of the earlier rows include that second object; from that run on it answers `show version` small, as a device does.',
    '',
    '| code | result | worker (run and store) | Redis (run and store) | controller (one GET /jobs/{id}) | controller (POST ?wait=) | worker (pyeapi object) | Redis (pyeapi) | worker (run, store, webhook) | controller (GET /jobs listing) | run / read time |',
    '|---|---|---|---|---|---|---|---|---|---|---|',
    ...rows.map((r) => `| ${r} |`),
    '',
    'First change (`fa527a1`): the worker collects output into one growing buffer and writes a large result to Redis in 1 MiB parts encoded one at a time; `GET /jobs/{id}` sends the stored result bytes as they are, between the other fields.',
    '',
    'Second change: the worker\'s buffer takes its whole limit once past 1 MiB (memory not yet written costs address space only), so the output is never copied again and no half-size copy is left as garbage; the parts are encoded into one reused 1 MiB buffer; structured outputs (pyeapi objects, parsed rows) take the same path instead of one `JSON.stringify` and one Redis command holding the whole text; masking secrets by value copies only what changed (before, it copied every object of the result); the HTTP transport of device APIs collects the answer into one buffer and drops it once decoded. In Redis the parts become the job\'s result key by a rename when the job ends, instead of being read into a Lua string and written again into the record (and, with AOF, into the append-only file as one command). `GET /jobs/{id}`, `GET /jobs/{id}?wait=` and `POST /device/exec?wait=` all answer from the stored bytes, and a large result is read from Redis 1 MiB at a time as the socket takes it (before, `?wait=` parsed the record and serialised it again).',
    '',
    'After the second change, the worker held the output as bytes and as one string (2×), plus packets of the SSH transport not yet collected; a pyeapi object result as the answer\'s text and the parsed object, which is larger than its JSON. In Redis, the string as it grows by appends and the append-only file\'s buffer. In the controller, the 1 MiB parts already sent until they are collected (this figure varied from 17 to 63 MiB over four runs of this code). A webhook and a listing still held the result whole: the run before the third change measured them (its product code at `8fb194c`, with this study as it is now; in that run\'s webhook step Redis also grew 455 MiB, the delivery job holding the payload beside the stored result; 146 MiB after the third change).',
    '',
    'Third change: a command output past 1 MiB stays the bytes it arrived in (no decoded string beside them) until it is written to Redis as the JSON string it decodes to, 64 KiB at a time; secrets are masked on the bytes. `GET /jobs` answers each listed job as `GET /jobs/{id}` does, the stored result of a large one read 1 MiB at a time as the socket takes it. A webhook of a job with a large result no longer carries the result: its delivery job names the bytes of the retval in the job\'s stored result (kept until the last retry could run), and the body is read from there a part at a time when it is signed and when it is sent. That row\'s `31d5539` is this code before it was rebased onto main (`e6f7ff5` there). The run and read times of that row are a loaded machine\'s (load average 14 on 2 cores); an unsaved run of the same code just before took 1.6 s / 0.6 s with the same memory figures within 20 MiB, except the webhook step (+117.6 MiB, 1.8×).',
    '',
    'Fourth change: a pyeapi answer past 1 MiB is read from its bytes by a tokenizer that checks the JSON without building it and finds the `result` elements; one past 1 MiB stays the bytes the device sent in the result instead of the answer\'s text and the object it parses to. It is written to Redis 64 KiB at a time as the same text parsing and re-encoding gave (whitespace dropped, numbers such as `1.0` or `1e5` and escapes written as JSON.stringify writes them), secrets masked by value inside its strings. An element JSON.parse would change (a repeated property name, `__proto__`, a number-like name out of ascending order or after another name), a secret inside a property name, an error answer or bytes that are not UTF-8 take the parsing path as before. The row before it (`b3ee275`) is main at `e87a412` with the stand-in change (`f683f81` on main).',
    '',
    'What remains: in the worker, the output\'s bytes and packets of the SSH transport not yet collected; for a pyeapi object, the answer\'s bytes (the buffer the HTTP transport collects them in) and the 1 MiB parts written. A pyeapi answer with `encoding: text` past 1 MiB is still parsed whole (its `output` string). In Redis, the string as it grows by appends and the append-only file\'s buffer.',
    '',
  ];
}
