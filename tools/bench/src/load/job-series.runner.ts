import type { JobTiming, JobWaiter } from './job.waiter';

/**
 * Sequential jobs, one after the other (each submitted once the previous one is readable):
 * latency without queueing behind other work. Bounded by count and by `timeoutMs` overall.
 */
export async function runSeries(waiter: JobWaiter, count: number, body: (i: number) => unknown, timeoutMs: number, mode: 'read' | 'wait' = 'read'): Promise<JobTiming[]> {
  const deadline = Date.now() + timeoutMs;
  const out: JobTiming[] = [];
  for (let i = 0; i < count; i++) {
    const left = deadline - Date.now();
    if (left <= 0) throw new Error(`series stopped after ${i}/${count} jobs: over ${timeoutMs} ms`);
    const t = mode === 'wait' ? await waiter.runWithWait(body(i), Math.min(left, 60_000)) : await waiter.run(body(i), Math.min(left, 120_000));
    if (!t.ok) throw new Error(`job ${i + 1}/${count} did not finish cleanly: ${t.error ?? 'unknown'}`);
    out.push(t);
  }
  return out;
}
