import { PooledEngineRunner, TemplateEngines, TemplateWorkerPool } from '@netpulse/templates';
import type { JobTiming } from '../load/job.waiter';
import { runSeries } from '../load/job-series.runner';
import { summarize } from '../measure/summary.stats';
import { latencyRow } from '../report/latency.rows';
import { CpuFigure, FigureRow, ScenarioReport, fmtMs } from '../report/scenario.report';
import { BenchSystem } from '../suite/bench-system';
import type { BenchContext } from './bench-context';
import { showInterfacesText } from './show-interfaces.fixture';
import { setTimeout as sleep } from 'node:timers/promises';

export const TEMPLATE_ISOLATION_HOST = '127.13.1.1';

/** A typical config template: 24 interfaces with description, VLAN and an optional address. */
const CONFIG_TEMPLATE = [
  '{% for i in interfaces %}',
  'interface {{ i.name }}',
  ' description {{ i.description | upper }}',
  '{% if i.vlan %} switchport access vlan {{ i.vlan }}',
  '{% endif %}{% if i.address %} ip address {{ i.address }} {{ i.mask | default("255.255.255.0") }}',
  '{% endif %} no shutdown',
  '{% endfor %}',
].join('\n');
const CONFIG_CONTEXT = {
  interfaces: Array.from({ length: 24 }, (_, n) => ({ address: n % 3 === 0 ? `10.1.${n}.1` : null, description: `access port ${n}`, name: `GigabitEthernet1/0/${n + 1}`, vlan: n % 3 === 0 ? null : 100 + n })),
};
const REDOS = { context: `${'a'.repeat(32)}!\n`, name: 'textfsm', template: 'Value A ((a+)+b)\n\nStart\n  ^${A} -> Record\n' };
const CPU_BOMB = { context: {}, name: 'jinja2', template: '{% for i in range(100000) %}{% for j in range(100000) %}{{ j }}{% endfor %}{% endfor %}' };

/**
 * Scenario 7: what isolating templates costs and what it buys. (a) In one process, a typical config
 * render and an ntc parse of a 2,000-line `show interfaces`, inline vs through the worker-thread pool,
 * and the memory one pool thread adds. (b) On the real apps: one client loops a catastrophic TextFSM
 * regex and a CPU-bound render against the controller while a second client's warm pinned jobs and
 * `GET /health` are measured, against the same measures with no attacker.
 */
export async function templateIsolation(ctx: BenchContext): Promise<ScenarioReport> {
  const s = ctx.settings.templateIsolation;
  const t0 = Date.now();
  const rows: FigureRow[] = [];
  const inline = TemplateEngines.withBuiltins({ allowedTargets: [] });
  const pool = new TemplateWorkerPool({ size: 2 });
  const pooled = TemplateEngines.withBuiltins({ allowedTargets: [] }, new PooledEngineRunner(pool));
  const { text, interfaces } = showInterfacesText(2000);
  const parseRequest = { context: text, name: 'textfsm', ntc_template_args: { command: 'show interfaces', platform: 'cisco_ios' }, use_ntc_template: true };
  try {
    await inline.render({ context: CONFIG_CONTEXT, name: 'jinja2', template: CONFIG_TEMPLATE });
    const rssBefore = process.memoryUsage().rss;
    await pooled.render({ context: CONFIG_CONTEXT, name: 'jinja2', template: CONFIG_TEMPLATE });
    await sleep(500);
    const threadMb = (process.memoryUsage().rss - rssBefore) / 1048576;
    for (const [label, engines] of [
      ['inline', inline],
      ['through the pool', pooled],
    ] as const) {
      ctx.progress(`  ${label}: ${s.renders} renders, ${s.parses} parses of ${interfaces} interfaces`);
      rows.push(timedRow(`config render (24 interfaces), ${label}`, await timeSeries(s.renders, () => engines.render({ context: CONFIG_CONTEXT, name: 'jinja2', template: CONFIG_TEMPLATE })), 'renders/s'));
      const parsed = await engines.parse(parseRequest);
      if (!Array.isArray(parsed) || parsed.length !== interfaces) throw new Error(`the ntc parse found ${Array.isArray(parsed) ? parsed.length : 'no'} records, expected ${interfaces}`);
      rows.push(timedRow(`ntc parse of show interfaces (2,000 lines), ${label}`, await timeSeries(s.parses, () => engines.parse(parseRequest)), 'parses/s'));
    }
    rows.push({ figure: 'memory of one pool thread (RSS growth at its first render)', median: `${threadMb.toFixed(1)} MB` });
  } finally {
    await pool.close();
  }

  const bs = await BenchSystem.start(ctx, { fifoWorkers: 1, nodeWorkers: 1 }, [{ count: 1, platform: 'cisco_ios', firstHost: TEMPLATE_ISOLATION_HOST, latencyMs: 0, loginDelayMs: 0 }]);
  let attacks = 0;
  let refused = 0;
  const cpu: CpuFigure[] = [];
  try {
    const dev = bs.devices()[0];
    const body = () => ({ driver: 'netmiko', queue_strategy: 'pinned', connection_args: { device_type: 'cisco_ios', host: dev.host, port: dev.port, username: 'admin', password: 'admin' }, command: 'show clock' });
    const waiter = await bs.waiter();
    await runSeries(waiter, 20, body, 120_000);
    const measure = async (label: string): Promise<{ jobs: JobTiming[][]; health: number[] }> => {
      ctx.progress(`  ${label}: ${s.pinnedJobs} warm pinned jobs, then /health for as long`);
      const sampler = bs.cpuSampler(ctx.redisPid);
      sampler.begin();
      const jobs = [await runSeries(waiter, s.pinnedJobs, body, 180_000)];
      const health: number[] = [];
      for (let i = 0; i < s.pinnedJobs; i++) {
        health.push((await bs.http.get('/health')).ms);
        await sleep(20);
      }
      const c = sampler.end();
      cpu.push({ label, otherPct: c.otherPct, seconds: c.seconds, split: c.split });
      return { health, jobs };
    };
    const quiet = await measure('no attacker');
    let attacking = true;
    const attacker = (async () => {
      while (attacking) {
        const [a, b] = await Promise.all([bs.http.post('/template/parse', REDOS, 60_000), bs.http.post('/template/render', CPU_BOMB, 60_000)]);
        attacks += 2;
        refused += [a, b].filter((r) => r.status === 400).length;
      }
    })();
    await sleep(1000);
    const loud = await measure('attacker looping a catastrophic regex and a CPU-bound render');
    attacking = false;
    await attacker;
    const target = (m: number, p: number): { text: string; met: boolean } => ({ met: p <= 50, text: 'p99 ≤ 50 ms' });
    rows.push(
      latencyRow('warm pinned job, end to end, no attacker', quiet.jobs, 'e2eMs'),
      latencyRow('warm pinned job, end to end, while the attacker runs', loud.jobs, 'e2eMs', { headline: true, target }),
      healthRow('GET /health, no attacker', quiet.health),
      { ...healthRow('GET /health, while the attacker runs', loud.health), headline: true, target: target(0, summarize(loud.health).p99) },
      { figure: 'attacker requests answered 400 (limit reached) / sent', median: `${refused} / ${attacks}` },
    );
  } finally {
    await bs.stop();
  }
  return {
    id: '7',
    title: 'Template isolation',
    settings: [
      `in the bench process: a Jinja2 config template of 24 interfaces and an ntc-templates parse (cisco_ios, \`show interfaces\`) of ${interfaces} interfaces in 2,000 lines; ${s.renders} sequential renders and ${s.parses} sequential parses inline, then the same through a pool of 2 worker threads (the apps' default)`,
      `then 1 controller, 1 fifo-worker, 1 node-worker with default template limits (5 s, 128 MB); ${s.pinnedJobs} sequential warm pinned \`show clock\` jobs and ${s.pinnedJobs} \`GET /health\` (20 ms apart) with no attacker, then again while one client loops \`POST /template/parse\` (\`Value A ((a+)+b)\` on 32 \`a\`s and \`!\`) and \`POST /template/render\` (two nested 100,000-item loops) side by side`,
    ],
    rows,
    cpu,
    limits: [
      'Through the pool a render or parse adds a structured-clone copy of its input and output and a message round trip between threads; the engines themselves run the same code.',
      'While the attacker runs, both controller pool threads burn CPU until the 5 s limit ends them (the regex thread is terminated). They run at a lower CPU priority (niceness 10 by default), so the controller\'s event loop, the node worker and the simulator go first; on two cores shared with other sessions the bystanders still see more scheduling delay than on a quiet machine.',
    ],
    seconds: (Date.now() - t0) / 1000,
  };
}

async function timeSeries(count: number, work: () => Promise<unknown>): Promise<number[]> {
  const out: number[] = [];
  for (let i = 0; i < count; i++) {
    const started = performance.now();
    await work();
    out.push(performance.now() - started);
  }
  return out;
}

function timedRow(figure: string, ms: number[], unit: string): FigureRow {
  const s = summarize(ms);
  const mean = ms.reduce((a, b) => a + b, 0) / Math.max(1, ms.length);
  return { figure, median: fmtMs(s.median), p99: fmtMs(s.p99), throughput: `${(1000 / mean).toFixed(mean < 10 ? 0 : 1)} ${unit}`, headline: true };
}

function healthRow(figure: string, ms: number[]): FigureRow {
  const s = summarize(ms);
  return { figure, median: fmtMs(s.median), p99: fmtMs(s.p99) };
}
