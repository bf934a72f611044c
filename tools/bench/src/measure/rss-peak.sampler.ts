import { MB, rssBytes } from './proc-stats';

/** RSS of one app while a step ran: before, peak, growth (MiB). */
export interface RssFigures {
  beforeMB: number;
  peakMB: number;
  growthMB: number;
}

/** Runs `step` while sampling the RSS of each process every 20 ms. */
export async function sampledRss<K extends string>(pids: Record<K, number>, step: () => Promise<void>): Promise<{ seconds: number; rss: Record<K, RssFigures> }> {
  const names = Object.keys(pids) as K[];
  const before = Object.fromEntries(names.map((n) => [n, rssBytes(pids[n])])) as Record<K, number>;
  const peak = { ...before };
  const timer = setInterval(() => {
    for (const n of names) peak[n] = Math.max(peak[n], rssBytes(pids[n]));
  }, 20);
  const t = Date.now();
  try {
    await step();
  } finally {
    clearInterval(timer);
  }
  for (const n of names) peak[n] = Math.max(peak[n], rssBytes(pids[n]));
  const fig = (b: number, p: number): RssFigures => ({ beforeMB: round(b / MB), peakMB: round(p / MB), growthMB: round((p - b) / MB) });
  return { seconds: (Date.now() - t) / 1000, rss: Object.fromEntries(names.map((n) => [n, fig(before[n], peak[n])])) as Record<K, RssFigures> };
}

const round = (n: number): number => Math.round(n * 10) / 10;
