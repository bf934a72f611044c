import type { CpuSplit } from '../measure/cpu.sampler';

/** A target of issue 10 and whether this run reached it. */
export interface TargetCheck {
  text: string;
  met: boolean;
}

/** One line of a scenario's table. Empty columns stay empty. */
export interface FigureRow {
  figure: string;
  median?: string;
  p99?: string;
  throughput?: string;
  /** How the figure moved across runs: `min–max over N runs`. */
  spread?: string;
  target?: TargetCheck;
  /** Shown in the headline table at the top. */
  headline?: boolean;
}

/** CPU used during one measured window, % of one core per process group. */
export interface CpuFigure {
  label: string;
  seconds: number;
  split: CpuSplit;
  /** The rest of the machine (other sessions) meanwhile. */
  otherPct: number;
  /** Finished jobs per second in the same window: turns the split into CPU per job. */
  jobsPerSec?: number;
}

/** The processes that are NetPulse itself (not the simulator, the load generator or other sessions). */
const SYSTEM_GROUPS = ['controller', 'fifo-worker', 'node-worker', 'redis'];

export interface ScenarioReport {
  id: string;
  title: string;
  /** What was run: topology, scale, device settings. */
  settings: string[];
  rows: FigureRow[];
  cpu: CpuFigure[];
  /** What limits these figures (measured causes, not guesses). */
  limits: string[];
  seconds: number;
  error?: string;
}

export const fmtMs = (v: number): string => (Number.isFinite(v) ? (v >= 100 ? `${v.toFixed(0)} ms` : v >= 1 ? `${v.toFixed(1)} ms` : `${v.toFixed(2)} ms`) : '–');
export const fmtS = (ms: number): string => (Number.isFinite(ms) ? `${(ms / 1000).toFixed(2)} s` : '–');
export const fmtRate = (v: number): string => (Number.isFinite(v) ? `${v.toFixed(v >= 100 ? 0 : 1)} jobs/s` : '–');
export const fmtPct = (v: number): string => `${v.toFixed(0)} %`;

/** `a–b over N runs` for a set of per-run values, formatted by `fmt`. */
export function fmtSpread(runs: number[], fmt: (v: number) => string): string {
  if (runs.length < 2) return '';
  const lo = Math.min(...runs);
  const hi = Math.max(...runs);
  return `${fmt(lo)}–${fmt(hi)} (${runs.length} runs)`;
}

/** The busiest process group of a CPU split, and how close the whole machine was to saturation. */
export function cpuVerdict(c: CpuFigure, cores: number): string {
  const entries = Object.entries(c.split).sort((a, b) => b[1] - a[1]);
  const total = entries.reduce((s, [, v]) => s + v, 0) + c.otherPct;
  const [top, pct] = entries[0] ?? ['none', 0];
  const parts = entries.filter(([, v]) => v >= 1).map(([k, v]) => `${k} ${fmtPct(v)}`).join(', ');
  let out = `${c.label}: machine ${fmtPct(total)} of ${cores * 100} % (${parts}, other sessions ${fmtPct(c.otherPct)}); busiest: ${top} at ${fmtPct(pct)} of one core`;
  if (c.jobsPerSec && c.jobsPerSec > 0) {
    const per = (v: number): number => (v / 100) * (1000 / (c.jobsPerSec ?? 1));
    const perJob = entries.filter(([, v]) => per(v) >= 0.05).map(([k, v]) => `${k} ${per(v).toFixed(2)}`).join(', ');
    const system = entries.filter(([k]) => SYSTEM_GROUPS.includes(k)).reduce((sum, [, v]) => sum + per(v), 0);
    out += `. CPU per finished job (ms): ${perJob}; NetPulse's own processes ${system.toFixed(2)} ms, i.e. at most ${((cores * 1000) / system).toFixed(0)} jobs/s if they had all ${cores} cores (an extrapolation)`;
  }
  return out;
}
