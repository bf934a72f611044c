import { FigureRow, ScenarioReport, fmtMs, fmtPct } from '../report/scenario.report';
import type { BenchContext } from './bench-context';
import { PinnedDensityResult, pinnedDensity } from './pinned-density.scenario';

const RSS_TARGET_KIB = 200;
const TARGET_SESSIONS = 5000;

/**
 * Scenario 4: pinned sessions held by one node-worker process at each size of the settings (100 /
 * 1,000 / 5,000): RSS per session, keepalive CPU, time to pin them all, wake-up of an idle device.
 */
export async function density(ctx: BenchContext): Promise<ScenarioReport> {
  const s = ctx.settings.density;
  const t0 = Date.now();
  const results: PinnedDensityResult[] = [];
  for (const n of s.sizes) {
    ctx.progress(`  ${n} devices`);
    results.push(await pinnedDensity(ctx, n, s.idleSeconds, s.keepaliveS, s.wakes));
  }
  const rows: FigureRow[] = [];
  for (const r of results) {
    const n = r.devices.toLocaleString('en-US');
    const rssRow: FigureRow = { figure: `${n} sessions: node RSS per session`, median: `${r.rssPerSessionKB.toFixed(0)} KiB`, headline: r.devices === Math.max(...s.sizes) };
    if (r.devices >= TARGET_SESSIONS) rssRow.target = { text: `≥ ${TARGET_SESSIONS.toLocaleString('en-US')} sessions at ≤ ${RSS_TARGET_KIB} KiB each`, met: r.rssPerSessionKB <= RSS_TARGET_KIB && r.pinNotOk === 0 };
    const per60 = ((r.devices / 60) * r.cpuPerProbeMs) / 10;
    rows.push(
      { figure: `${n} sessions: time to pin them all`, median: `${r.pinSeconds.toFixed(1)} s`, throughput: `${(r.devices / r.pinSeconds).toFixed(0)} logins/s`, headline: r.devices === Math.max(...s.sizes) },
      rssRow,
      { figure: `  node RSS before → after`, median: `${r.nodeRssBeforeMB.toFixed(0)} → ${r.nodeRssAfterMB.toFixed(0)} MiB` },
      { figure: `  idle node CPU, keepalive every ${r.keepaliveS} s (no-session baseline ${fmtPct(r.baselineNodeCpuPct)})`, median: fmtPct(r.idleNodeCpuPct) },
      { figure: `  node CPU per keepalive probe → at the default 60 s keepalive`, median: fmtMs(r.cpuPerProbeMs), throughput: `${per60.toFixed(1)} % of a core` },
      { figure: `  idle simulator / Redis CPU`, median: `${fmtPct(r.idleSimulatorCpuPct)} / ${Number.isFinite(r.idleRedisCpuPct) ? fmtPct(r.idleRedisCpuPct) : '–'}` },
      { figure: `  wake an idle pinned device: queue time (enqueued → started)`, median: fmtMs(r.wakeQueueTimeMedianMs), p99: fmtMs(r.wakeQueueTimeP99Ms) },
      { figure: `  wake an idle pinned device: end to end`, median: fmtMs(r.wakeEndToEndMedianMs), p99: fmtMs(r.wakeEndToEndP99Ms) },
      { figure: `  Redis connections added by controller + node`, median: String(r.redisConnectionsAdded) },
    );
  }
  return {
    id: '4',
    title: 'Density: pinned sessions in one node-worker',
    settings: [
      `per size: a fresh system (1 controller, 1 node-worker with \`worker.pinned_per_node\` = size + 100) and that many simulated cisco_ios devices; one netmiko \`show clock\` job per device (bulk requests of 500) opens its pinned session with \`keepalive: ${s.keepaliveS}\``,
      `RSS read from /proc after the last first job (+2 s); CPU over ${s.idleSeconds} s idle, the node's no-session baseline over 3 s before pinning; then ${s.wakes} jobs one at a time on idle devices spread over the fleet`,
      ...results.map((r) => `${r.devices} devices: ${r.pinNotOk} first jobs not clean`),
    ],
    rows,
    cpu: [],
    limits: [
      'Time to pin is bounded by SSH logins (key exchange and host-key signature on both ends, in the node and in the simulator on the same two cores) and by the controller accepting the bulk requests (one device at a time).',
      `Keepalive cost is measured at ${s.keepaliveS} s (the shortest recommended) so enough probes fall in the window; per probe it includes the RETURN round trip and the prompt check. RSS includes garbage not yet collected, so it is an upper bound.`,
    ],
    seconds: (Date.now() - t0) / 1000,
  };
}
