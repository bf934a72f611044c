import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { consoleTable } from '../report/console-table.report';
import { MarkdownInput, markdownReport } from '../report/markdown.report';
import type { BenchContext } from '../scenarios/bench-context';
import { bulk } from '../scenarios/bulk.scenario';
import { density } from '../scenarios/density.scenario';
import { realSshd } from '../scenarios/real-sshd.scenario';
import { scaleOut } from '../scenarios/scale-out.scenario';
import { sessionReuse } from '../scenarios/session-reuse.scenario';
import { templateIsolation } from '../scenarios/template-isolation.scenario';
import { throughput } from '../scenarios/throughput.scenario';
import { warmLatency } from '../scenarios/warm-latency.scenario';
import { FULL_SETTINGS, SMOKE_SETTINGS } from './bench-settings';
import { machineInfo } from './machine.info';
import { PrivateRedisServer } from './private-redis.server';
import { SuiteEntry, runSuite } from './suite.runner';
import type { TeardownRegistry } from './teardown.registry';
import { loadLargeResultRuns } from '../report/large-result.study';

/** The figures behind docs/benchmarks.md (workspace-relative). */
export const LAST_FULL_RUN = 'tools/bench/results/last-full-run.json';

export const SUITE: SuiteEntry[] = [
  { id: '1', title: 'Warm pinned latency', run: warmLatency },
  { id: '2', title: 'Session reuse', run: sessionReuse },
  { id: '2b', title: 'Real sshd', run: realSshd },
  { id: '3', title: 'Throughput', run: throughput },
  { id: '4', title: 'Density', run: density },
  { id: '5', title: 'Bulk', run: bulk },
  { id: '6', title: 'Scale-out', run: scaleOut },
  { id: '7', title: 'Template isolation', run: templateIsolation },
];

export interface RunAllOptions {
  root: string;
  logRoot: string;
  progress: (m: string) => void;
  teardown: TeardownRegistry;
  smoke: boolean;
  /** Scenario ids to run; all when absent. */
  only?: string[];
  /** `host:port` of an existing Redis; absent: the bench starts its own. */
  redis?: string;
  write: boolean;
}

/** `bench all`: every scenario, a table on stdout, and (full runs only) `docs/benchmarks.md`. Returns the number of failed scenarios. */
export async function runAll(o: RunAllOptions): Promise<number> {
  const settings = o.smoke ? SMOKE_SETTINGS : FULL_SETTINGS;
  const entries = o.only ? SUITE.filter((e) => o.only?.includes(e.id)) : SUITE;
  if (entries.length === 0) throw new Error(`--only matches no scenario; ids: ${SUITE.map((e) => e.id).join(', ')}`);
  const t0 = Date.now();
  try {
    let redisHost = '127.0.0.1';
    let redisPort = 0;
    let redisPid = 0;
    let redisVersion = 'unknown';
    if (o.redis) {
      [redisHost, redisPort] = [o.redis.split(':')[0], Number(o.redis.split(':')[1] ?? 6379)];
    } else {
      const redis = await PrivateRedisServer.start(join(o.logRoot, 'redis'));
      o.teardown.add('redis', () => redis.stop());
      [redisPort, redisPid, redisVersion] = [redis.port, redis.pid, redis.version];
      o.progress(`private Redis ${redis.version} on 127.0.0.1:${redis.port} (pid ${redis.pid})`);
    }
    const info = machineInfo(redisVersion);
    o.progress(`${settings.mode} run of ${entries.length} scenarios on ${info.cores} cores (load average ${info.loadStart.toFixed(2)}); logs in ${o.logRoot}`);
    const ctx: BenchContext = { redisHost, redisPort, redisPid, logRoot: o.logRoot, progress: o.progress, teardown: o.teardown, settings };
    const reports = await runSuite(ctx, entries);
    info.loadEnd = machineInfo(redisVersion).loadStart;
    process.stdout.write(`\n${consoleTable(reports)}\n\n`);
    const minutes = (Date.now() - t0) / 60_000;
    const input: MarkdownInput = { info, settings, reports, minutes };
    // Kept so the report can be re-rendered (`bench.cli.js render <file>`) without measuring again.
    const results = join(o.logRoot, 'results.json');
    writeFileSync(results, JSON.stringify(input, null, 2));
    o.progress(`results in ${results}`);
    if (!o.smoke && !o.only && o.write) {
      const file = join(o.root, 'docs', 'benchmarks.md');
      writeFileSync(file, markdownReport(input, loadLargeResultRuns(o.root)));
      // Committed with the report, so its text can be re-rendered later without measuring again.
      writeFileSync(join(o.root, LAST_FULL_RUN), `${JSON.stringify(input, null, 2)}\n`);
      o.progress(`wrote ${file} and ${LAST_FULL_RUN}`);
    } else {
      o.progress(`not writing docs/benchmarks.md (${o.smoke ? 'smoke mode' : o.only ? '--only' : '--no-write'})`);
    }
    o.progress(`done in ${minutes.toFixed(1)} min`);
    return reports.filter((r) => r.error).length;
  } finally {
    await o.teardown.runAll();
  }
}

/** `bench render [results.json]`: docs/benchmarks.md again from a run's saved figures (default: the last full run's), e.g. after editing the analysis text. */
export function renderSaved(root: string, resultsFile = join(root, LAST_FULL_RUN)): string {
  const input = JSON.parse(readFileSync(resultsFile, 'utf8')) as MarkdownInput;
  const file = join(root, 'docs', 'benchmarks.md');
  writeFileSync(file, markdownReport(input, loadLargeResultRuns(root)));
  return file;
}

/**
 * `bench render --merge <results.json>...`: the last full run with the scenarios of later `--only`
 * runs replaced by their newer figures (noted in the report), written to docs/benchmarks.md and kept
 * in the last full run's file so later renders keep them.
 */
export function renderMerged(root: string, files: string[]): string {
  const input = JSON.parse(readFileSync(join(root, LAST_FULL_RUN), 'utf8')) as MarkdownInput;
  for (const f of files) {
    const part = JSON.parse(readFileSync(f, 'utf8')) as MarkdownInput;
    const ids = part.reports.filter((r) => !r.error).map((r) => r.id);
    if (ids.length === 0) continue;
    input.reports = input.reports.map((r) => part.reports.find((p) => p.id === r.id && !p.error) ?? r);
    input.remeasured = [...(input.remeasured ?? []).map((x) => ({ ...x, ids: x.ids.filter((id) => !ids.includes(id)) })).filter((x) => x.ids.length > 0), { ids, date: part.info.date, commit: part.info.commit, loadStart: part.info.loadStart }];
  }
  writeFileSync(join(root, LAST_FULL_RUN), `${JSON.stringify(input, null, 2)}\n`);
  const file = join(root, 'docs', 'benchmarks.md');
  writeFileSync(file, markdownReport(input, loadLargeResultRuns(root)));
  return file;
}
