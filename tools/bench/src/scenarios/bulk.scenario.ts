import { BulkSubmitter } from '../load/bulk.submitter';
import { summarize } from '../measure/summary.stats';
import type { CpuSampler } from '../measure/cpu.sampler';
import { CpuFigure, FigureRow, ScenarioReport, fmtMs, fmtS, fmtSpread } from '../report/scenario.report';
import { BenchSystem } from '../suite/bench-system';
import type { SimDevice } from '../sim/fleet.messages';
import type { BenchContext } from './bench-context';
import { setTimeout as sleep } from 'node:timers/promises';

interface BulkRun {
  acceptMs: number;
  /** POST sent → the last job's `ended_at`. */
  allDoneMs: number;
  jobs: number;
  notOk: number;
  refused: number;
  /** CPU while the request was being accepted (when asked for). */
  acceptCpu: CpuFigure | null;
}

const nowMs = (): number => performance.timeOrigin + performance.now();

/**
 * How long the system rests before each request: what the previous request left to do after its
 * last job ended (pinned workers shown idle 200 ms later, audit entries, logs) is not timed as this
 * one's acceptance.
 */
const SETTLE_MS = 1000;

/** One `/device/bulk` request over every device, sent to a system at rest; waits (bounded) until every job is terminal. */
async function oneBulk(bs: BenchSystem, base: Record<string, unknown>, devices: SimDevice[], timeoutMs: number, acceptCpu?: CpuSampler): Promise<BulkRun> {
  await sleep(SETTLE_MS);
  const submitter = new BulkSubmitter(bs.http, base, devices, devices.length);
  acceptCpu?.begin();
  const t0 = nowMs();
  const res = await submitter.send(devices);
  const acceptMs = nowMs() - t0;
  const cpu = acceptCpu?.end();
  let pending = res.succeeded.map((j) => j.id);
  const ids = [...pending];
  while (pending.length > 0) {
    if (nowMs() - t0 > timeoutMs) throw new Error(`${pending.length} of ${ids.length} bulk jobs unfinished after ${timeoutMs} ms`);
    await sleep(50);
    const done = await bs.records.terminal(pending);
    pending = pending.filter((id) => !done.has(id));
  }
  const times = await bs.records.times(ids);
  const lastEnd = Math.max(...times.map((t) => t.endedMs));
  return { acceptMs, allDoneMs: lastEnd - t0, jobs: ids.length, notOk: times.filter((t) => !t.ok).length, refused: res.failed.length, acceptCpu: cpu ? { label: '', seconds: cpu.seconds, split: cpu.split, otherPct: cpu.otherPct } : null };
}

/**
 * Scenario 5: one `/device/bulk` request for N devices: how long until it is accepted (201) and
 * until every job has finished; cold (every device pinned and logged in by the request), warm
 * (sessions open), and on FIFO (paramiko, a new session per device).
 */
export async function bulk(ctx: BenchContext): Promise<ScenarioReport> {
  const s = ctx.settings.bulk;
  const t0 = Date.now();
  const fleets = [
    { count: s.devices, platform: 'cisco_ios', firstHost: '127.0.132.1', latencyMs: 0, loginDelayMs: 0 },
    { count: s.devices, platform: 'linux', firstHost: '127.0.136.1', latencyMs: 0, loginDelayMs: 0 },
  ];
  const bs = await BenchSystem.start(ctx, { fifoWorkers: 1, nodeWorkers: 1, env: { NETPULSE_WORKER__PINNED_PER_NODE: String(s.devices + 100), NETPULSE_BULK__MAX_DEVICES: String(s.devices * s.largeRepeat) } }, fleets);
  try {
    const pinned = { driver: 'netmiko', connection_args: { device_type: 'cisco_ios', username: 'admin', password: 'admin' }, command: 'show clock' };
    const sampler = bs.cpuSampler(ctx.redisPid);
    ctx.progress(`  cold: one bulk request pins ${s.devices} devices`);
    sampler.begin();
    const cold = await oneBulk(bs, pinned, bs.devices(0), 600_000);
    const coldCpu = sampler.end();
    const warm: BulkRun[] = [];
    for (let r = 0; r < s.warmRepeats; r++) {
      ctx.progress(`  warm ${r + 1}/${s.warmRepeats}: the same request on open sessions`);
      warm.push(await oneBulk(bs, pinned, bs.devices(0), 300_000, bs.cpuSampler(ctx.redisPid)));
    }
    const large = Array.from({ length: s.largeRepeat }, () => bs.devices(0)).flat();
    ctx.progress(`  large: one bulk request of ${large.length} jobs (each of the ${s.devices} warm devices ${s.largeRepeat} times)`);
    const big = await oneBulk(bs, pinned, large, 600_000, bs.cpuSampler(ctx.redisPid));
    ctx.progress(`  FIFO: one bulk request of ${s.devices} paramiko jobs`);
    const fifo = await oneBulk(bs, { driver: 'paramiko', connection_args: { username: 'admin', password: 'admin' }, command: 'uname -s' }, bs.devices(1), 600_000);
    const target = (ms: number) => ({ text: `accepted ≤ 300 ms`, met: ms <= 300 });
    const warmAccept = summarize(warm.map((w) => w.acceptMs));
    const warmDone = summarize(warm.map((w) => w.allDoneMs));
    const n = s.devices.toLocaleString('en-US');
    const rows: FigureRow[] = [
      { figure: `cold (${n} new pins): accepted (201)`, median: fmtMs(cold.acceptMs), throughput: `${((cold.jobs * 1000) / cold.acceptMs).toFixed(0)} jobs/s accepted`, target: target(cold.acceptMs), headline: true },
      { figure: `cold: all ${n} finished`, median: fmtS(cold.allDoneMs), throughput: `${((cold.jobs * 1000) / cold.allDoneMs).toFixed(0)} jobs/s`, headline: true },
      { figure: `warm (sessions open): accepted (201)`, median: fmtMs(warmAccept.median), spread: fmtSpread(warm.map((w) => w.acceptMs), fmtMs), throughput: `${((s.devices * 1000) / warmAccept.median).toFixed(0)} jobs/s accepted`, target: target(warmAccept.median), headline: true },
      { figure: `warm: all ${n} finished`, median: fmtS(warmDone.median), spread: fmtSpread(warm.map((w) => w.allDoneMs), fmtS), throughput: `${((s.devices * 1000) / warmDone.median).toFixed(0)} jobs/s` },
      { figure: `large (${big.jobs.toLocaleString('en-US')} jobs on the warm devices): accepted (201)`, median: fmtMs(big.acceptMs), throughput: `${((big.jobs * 1000) / big.acceptMs).toFixed(0)} jobs/s accepted`, target: { text: 'accepted ≤ 3 s for 10,000', met: big.acceptMs <= 3000 }, headline: true },
      { figure: `large: all ${big.jobs.toLocaleString('en-US')} finished`, median: fmtS(big.allDoneMs), throughput: `${((big.jobs * 1000) / big.allDoneMs).toFixed(0)} jobs/s` },
      { figure: `FIFO (paramiko): accepted (201)`, median: fmtMs(fifo.acceptMs), throughput: `${((fifo.jobs * 1000) / fifo.acceptMs).toFixed(0)} jobs/s accepted`, target: target(fifo.acceptMs) },
      { figure: `FIFO: all ${n} finished`, median: fmtS(fifo.allDoneMs), throughput: `${((fifo.jobs * 1000) / fifo.allDoneMs).toFixed(0)} jobs/s` },
    ];
    const runs = [['cold', cold], ...warm.map((w, i) => [`warm ${i + 1}`, w] as const), ['large', big], ['FIFO', fifo]] as const;
    return {
      id: '5',
      title: `Bulk: one request for ${n} devices`,
      settings: [
        `1 controller, 1 fifo-worker, 1 node-worker (\`worker.pinned_per_node\` ${s.devices + 100}, \`bulk.max_devices\` ${s.devices * s.largeRepeat}); ${n} simulated cisco_ios devices (netmiko \`show clock\`, pinned) and ${n} linux devices (paramiko \`uname -s\`, FIFO), zero latency`,
        `accepted = the request's round trip; all finished = POST sent → the last job's \`ended_at\`; each request is sent after the system rested ${SETTLE_MS / 1000} s (what the previous one left to do is not timed as this one's)`,
        ...runs.map(([label, r]) => `${label}: ${r.jobs} jobs, ${r.refused} devices refused, ${r.notOk} not clean`),
      ],
      rows,
      cpu: [
        { label: 'cold bulk, request to all finished (pin + login + run)', seconds: coldCpu.seconds, split: coldCpu.split, otherPct: coldCpu.otherPct },
        ...warm.flatMap((w, i) => (w.acceptCpu ? [{ ...w.acceptCpu, label: `warm bulk ${i + 1}, while the request was being accepted` }] : [])),
        ...(big.acceptCpu ? [{ ...big.acceptCpu, label: `large bulk (${big.jobs} jobs), while the request was being accepted` }] : []),
      ],
      limits: [
        'Acceptance: the controller validates every device of the request (the merged request of each is parsed on its own), places the new devices in one step (one read of the owners, the scheduler\'s batch method, one atomic Lua claim per 500 hosts) and writes records, queue entries and wake-ups in pipelines of 500 jobs; the per-device validation and the JSON of the answer remain linear in the device count.',
        'The large request lists each warm device several times: its placement work is that of the distinct devices, its validation, writes and answer that of every job.',
        'All finished: cold, every device needs an SSH login; warm, the node runs each device\'s job on its open session, and the node, the controller and the simulator share the two cores.',
      ],
      seconds: (Date.now() - t0) / 1000,
    };
  } finally {
    await bs.stop();
  }
}
