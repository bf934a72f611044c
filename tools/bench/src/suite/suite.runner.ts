import type { BenchContext } from '../scenarios/bench-context';
import type { ScenarioReport } from '../report/scenario.report';

/** One scenario of the suite: an id (`1`, `2b`, ...), a title, and the function that runs it. */
export interface SuiteEntry {
  id: string;
  title: string;
  run: (ctx: BenchContext) => Promise<ScenarioReport>;
}

/**
 * Runs the selected scenarios in order. A scenario that fails is reported with its error and the
 * rest still run (its teardown already happened in its own `finally`).
 */
export async function runSuite(ctx: BenchContext, entries: SuiteEntry[]): Promise<ScenarioReport[]> {
  const out: ScenarioReport[] = [];
  for (const [i, e] of entries.entries()) {
    if (ctx.teardown.interrupted) break;
    ctx.progress(`scenario ${e.id} (${i + 1}/${entries.length}): ${e.title}`);
    const t0 = Date.now();
    try {
      const r = await e.run(ctx);
      out.push(r);
      ctx.progress(`scenario ${e.id} done in ${r.seconds.toFixed(0)} s`);
    } catch (err) {
      const msg = err instanceof Error ? (err.stack ?? err.message) : String(err);
      ctx.progress(`scenario ${e.id} FAILED: ${msg}`);
      out.push({ id: e.id, title: e.title, settings: [], rows: [], cpu: [], limits: [], seconds: (Date.now() - t0) / 1000, error: msg.split('\n')[0] });
    }
  }
  return out;
}
