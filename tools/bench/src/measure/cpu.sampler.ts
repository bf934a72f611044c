import { readFileSync } from 'node:fs';
import { cpuSeconds } from './proc-stats';

/** CPU used during a window, in % of one core, per group of processes. */
export type CpuSplit = Record<string, number>;

/**
 * Reads `/proc/<pid>/stat` of each group's processes at the start and the end of a window. The
 * bench process itself (load generator, log relay, record reads) is the group `bench`.
 */
export class CpuSampler {
  private start: { at: number; groups: Map<string, number>; self: NodeJS.CpuUsage; machine: number } | null = null;

  constructor(private readonly groups: Record<string, number[]>) {}

  begin(): void {
    this.start = { at: performance.now(), groups: this.read(), self: process.cpuUsage(), machine: machineBusySeconds() };
  }

  /**
   * `split` per group; `totalPct` their sum; `otherPct` what the rest of the machine used meanwhile
   * (other sessions' work on a shared box), from `/proc/stat`.
   */
  end(): { seconds: number; split: CpuSplit; totalPct: number; otherPct: number } {
    if (!this.start) throw new Error('CpuSampler.end() before begin()');
    const seconds = (performance.now() - this.start.at) / 1000;
    const now = this.read();
    const split: CpuSplit = {};
    for (const [name, used] of now) split[name] = ((used - (this.start.groups.get(name) ?? 0)) / seconds) * 100;
    const self = process.cpuUsage(this.start.self);
    split.bench = ((self.user + self.system) / 1e6 / seconds) * 100;
    const totalPct = Object.values(split).reduce((s, v) => s + v, 0);
    const machinePct = ((machineBusySeconds() - this.start.machine) / seconds) * 100;
    return { seconds, split, totalPct, otherPct: Math.max(0, machinePct - totalPct) };
  }

  private read(): Map<string, number> {
    const out = new Map<string, number>();
    for (const [name, pids] of Object.entries(this.groups)) {
      let sum = 0;
      for (const pid of pids) {
        try {
          sum += cpuSeconds(pid);
        } catch {
          // The process has exited: its CPU is no longer readable and counts as 0 from here.
        }
      }
      out.set(name, sum);
    }
    return out;
  }
}

/** Busy CPU seconds of the whole machine (all cores), from the first line of `/proc/stat`. */
function machineBusySeconds(): number {
  const f = readFileSync('/proc/stat', 'utf8').split('\n')[0].trim().split(/\s+/).slice(1).map(Number);
  // user nice system idle iowait irq softirq steal: idle and iowait are not busy.
  const busy = f[0] + f[1] + f[2] + f[5] + f[6] + (f[7] ?? 0);
  return busy / 100;
}
