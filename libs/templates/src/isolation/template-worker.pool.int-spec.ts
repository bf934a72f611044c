import { TemplateEngines } from '../registry/template.engines';
import { TemplateError } from '../registry/template.error';
import { PooledEngineRunner } from './pooled-engine.runner';
import { TemplateWorkerPool } from './template-worker.pool';
import { setTimeout as sleep } from 'node:timers/promises';
import { waitUntil } from '@netpulse/testing';

/** Real worker threads (the compiled entry in dist/, built by `pretest`). */
describe('TemplateWorkerPool through TemplateEngines', () => {
  const REDOS_TEMPLATE = 'Value A ((a+)+b)\n\nStart\n  ^${A} -> Record\n';
  const REDOS_TEXT = `${'a'.repeat(32)}!\n`;
  let pool: TemplateWorkerPool;
  let engines: TemplateEngines;

  beforeAll(() => {
    pool = new TemplateWorkerPool({ maxMemoryMb: 48, maxOutputBytes: 1024 * 1024, size: 2, timeoutMs: 2000 });
    engines = TemplateEngines.withBuiltins({ allowedTargets: [], maxBytes: 64 * 1024, renderTimeLimitMs: 2000 }, new PooledEngineRunner(pool));
  });
  afterAll(() => pool.close());

  /** Resolves with how long the promise took and its outcome. */
  const timed = async <T>(work: Promise<T>): Promise<{ ms: number; value?: T; error?: Error }> => {
    const started = Date.now();
    try {
      return { ms: Date.now() - started, value: await work };
    } catch (err) {
      return { error: err as Error, ms: Date.now() - started };
    }
  };

  it('starts no thread until the first task', () => {
    expect(new TemplateWorkerPool().stats()).toEqual({ busy: 0, queued: 0, threads: 0 });
  });

  it('renders and parses by engine name; engine errors come back with their name and status', async () => {
    await expect(engines.render({ context: { n: 'r1' }, name: 'jinja2', template: 'hostname {{ n | upper }}' })).resolves.toBe('hostname R1');
    const template = 'Value NAME (\\S+)\n\nStart\n  ^${NAME} -> Record\n';
    await expect(engines.parse({ context: 'Gi0/1\nGi0/2\n', name: 'textfsm', template })).resolves.toEqual([{ NAME: 'Gi0/1' }, { NAME: 'Gi0/2' }]);
    const failed = await timed(engines.render({ name: 'jinja2', template: '{{ x.y.z }}' }));
    expect(failed.error).toBeInstanceOf(TemplateError);
    expect(failed.error).toMatchObject({ name: 'TemplateRenderError', status: 400, message: expect.stringContaining('UndefinedError') });
    expect(pool.stats().threads).toBeGreaterThan(0);
  });

  it('terminates a catastrophic TextFSM regex at the time limit; the event loop keeps turning and the next parse works', async () => {
    let worstGap = 0;
    let last = Date.now();
    const ticker = setInterval(() => {
      worstGap = Math.max(worstGap, Date.now() - last);
      last = Date.now();
    }, 20);
    const redos = await timed(engines.parse({ context: REDOS_TEXT, name: 'textfsm', template: REDOS_TEMPLATE }));
    clearInterval(ticker);
    expect(redos.error).toMatchObject({ name: 'TemplateParseError', status: 400, message: 'Parsing stopped: it ran longer than the limit templates.timeout (2 s)' });
    // Generous bounds: this machine is shared; what matters is seconds, not the 30+ s the regex needs.
    expect(redos.ms).toBeLessThan(8000);
    expect(worstGap).toBeLessThan(1000);
    await expect(engines.parse({ context: 'ab\n', name: 'textfsm', template: REDOS_TEMPLATE })).resolves.toEqual([{ A: 'ab' }]);
  });

  it('stops a CPU bomb at the time limit with a 400 naming templates.timeout', async () => {
    // No output, only loops: the clock ends it, never a size or heap cap (those have their own tests).
    const bomb = '{% for i in range(100000) %}{% for j in range(100000) %}{% endfor %}{% endfor %}';
    const out = await timed(engines.render({ name: 'jinja2', template: bomb }));
    expect(out.error).toMatchObject({ name: 'TemplateRenderError', status: 400, message: expect.stringContaining('templates.timeout (2 s)') });
    expect(out.ms).toBeLessThan(8000);
  });

  it('ends a memory bomb at the thread heap cap with a 400 naming templates.max_memory_mb', async () => {
    const bomb = '{% set l = [] %}{% for i in range(100000) %}{% set _ = l.append("x" * 100000) %}{% endfor %}{{ l | length }}';
    const out = await timed(engines.render({ name: 'jinja2', template: bomb }));
    expect(out.error).toMatchObject({ name: 'TemplateRenderError', status: 400 });
    expect(out.error?.message).toMatch(/templates\.(max_memory_mb \(48 MB\)|timeout)/);
    await expect(engines.render({ name: 'jinja2', template: 'ok' })).resolves.toBe('ok');
  });

  it('refuses output over templates.max_output_bytes and templates over templates.max_bytes', async () => {
    const big = await timed(engines.render({ name: 'jinja2', template: '{% for i in range(2000) %}{{ "x" * 1000 }}{% endfor %}' }));
    expect(big.error).toMatchObject({ status: 400, message: 'The rendered text is 2000000 bytes, over the limit templates.max_output_bytes (1048576)' });
    const huge = await timed(engines.render({ name: 'jinja2', template: 'x'.repeat(70 * 1024) }));
    expect(huge.error).toMatchObject({ status: 400, message: 'The template is 71680 bytes, over the limit templates.max_bytes (65536)' });
  });

  it('runs renders side by side: a slow render does not hold up a quick one', async () => {
    const slow = engines.render({ name: 'jinja2', template: '{% for i in range(100000) %}{% for j in range(100000) %}{{ j }}{% endfor %}{% endfor %}' }).catch(() => 'stopped');
    const quick = await timed(engines.render({ name: 'jinja2', template: 'quick' }));
    expect(quick.value).toBe('quick');
    expect(quick.ms).toBeLessThan(1800);
    await expect(slow).resolves.toBe('stopped');
  });

  it('refuses a task that waited templates.timeout for a free thread (a flood cannot queue work for hours)', async () => {
    const one = new TemplateWorkerPool({ size: 1, timeoutMs: 500 });
    const runner = new PooledEngineRunner(one);
    try {
      const bomb = '{% for i in range(100000) %}{% for j in range(100000) %}{{ j }}{% endfor %}{% endfor %}';
      const first = runner.render({ name: 'jinja2' } as never, bomb, {}, {}).catch((e: Error) => e.message);
      await sleep(50);
      const waiting = await timed(runner.render({ name: 'jinja2' } as never, 'late', {}, {}));
      expect(waiting.error?.message).toMatch(/^Rendering (refused: all 1 template threads \(templates.pool_size\) stayed busy for templates.timeout \(0.5 s\)|stopped)/);
      await expect(first).resolves.toContain('templates.timeout (0.5 s)');
    } finally {
      await one.close();
    }
  });

  it('lets an idle thread exit', async () => {
    const short = new TemplateWorkerPool({ idleMs: 200 });
    try {
      await short.run({ context: {}, engine: 'jinja2', kind: 'render', options: {}, template: 'x' });
      expect(short.stats().threads).toBe(1);
      await waitUntil('the idle thread exited', () => short.stats().threads === 0, { timeoutMs: 5000, intervalMs: 100 });
    } finally {
      await short.close();
    }
  });
});
