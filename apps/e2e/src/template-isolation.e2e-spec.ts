import type { JobInResponse } from '@netpulse/contracts';
import { SimulatedDevice, startDevice } from '@netpulse/device-sim';
import { TestSystem } from '@netpulse/testing';
import { setTimeout as sleep } from 'node:timers/promises';

/**
 * Hostile templates replayed against the real apps: each once answered 200 and then crashed the
 * controller, killed a FIFO worker or changed what a later, unrelated job sent to its device.
 */
describe('templates cannot crash or poison the system', () => {
  let sys: TestSystem;
  let dev: SimulatedDevice;
  const conn = () => ({ device_type: 'cisco_ios', host: dev.host, port: dev.port, username: 'admin', password: 'admin', secret: 'admin' });
  const POLLUTE = '{% set p = {}.get("__proto__") %}{{ p.update({"x": "1"}) }}ok';
  const INJECT_GLOBAL = '{% set c = (1 | valueOf) %}{{ c.env.globals.update({"ntp": "10.9.9.9; echo INJECTED"}) }}';
  const SWAP_FILTER = '{% set c = (1 | valueOf) %}{{ c.env.filters.update({"upper": c.env.filters.lower}) }}';

  /** A config job rendering `template`; FIFO by default, `pinned` runs it on the node worker. */
  const configJob = async (template: string, context: Record<string, unknown> = {}, queue_strategy = 'fifo'): Promise<JobInResponse> => {
    const body = { driver: 'netmiko', connection_args: conn(), config: context, queue_strategy, rendering: { name: 'jinja2', template } };
    const res = await sys.api.post<JobInResponse>('/device/exec', body);
    expect([res.status, res.body]).toEqual([201, expect.anything()]);
    return sys.api.waitForJob<JobInResponse>(res.body.id);
  };

  beforeAll(async () => {
    dev = await startDevice({ platform: 'cisco_ios', host: '127.13.0.1', port: 0, hostname: 'ISO1' });
    // A 2 s limit keeps the runaway cases short; 5 s is the default.
    sys = await TestSystem.start({ env: { NETPULSE_TEMPLATES__TIMEOUT: '2', NETPULSE_TEMPLATES__MAX_MEMORY_MB: '64' }, fifoWorkers: 1, nodeWorkers: 1 });
  });
  afterAll(async () => {
    await sys?.stop();
    await dev?.stop();
  });

  it('prototype pollution through dict methods answers 400 and the controller keeps serving', async () => {
    const res = await sys.api.post<{ detail: string }>('/template/render', { name: 'jinja2', template: POLLUTE, context: {} });
    expect(res.status).toBe(400);
    expect(res.body.detail).toMatch(/UndefinedError: cannot read 'update'/);
    for (const path of ['/metrics', '/health', '/workers']) expect((await sys.api.get(path)).status).toBe(200);
    const ok = await sys.api.post('/template/render', { name: 'jinja2', template: '{{ {"a": 1}.get("a") }}', context: {} });
    expect(ok).toMatchObject({ status: 200, text: '"1"' });
    expect(sys.apps.every((a) => a.child?.exitCode === null)).toBe(true);
  });

  it('the same template in a job fails that job only; a bystander job on the same worker finishes', async () => {
    const bad = await configJob(POLLUTE);
    expect(bad.status).toBe('failed');
    expect(bad.result?.error).toMatchObject({ type: 'TemplateRenderError', message: expect.stringMatching(/UndefinedError/) });
    const bystander = await configJob('interface Loopback{{ n }}', { n: 31 });
    expect(bystander.status).toBe('finished');
    expect(bystander.command).toEqual(['interface Loopback31']);
    expect(sys.apps.every((a) => a.child?.exitCode === null)).toBe(true);
  });

  it('a template cannot add a global that a later job renders onto its device', async () => {
    for (const strategy of ['fifo', 'pinned']) {
      const attack = await configJob(INJECT_GLOBAL, {}, strategy);
      expect(attack.result?.error).toMatchObject({ type: 'TemplateRenderError', message: 'Jinja2 template error: filter not found: valueOf' });
      const later = await configJob('ntp={{ ntp }}', {}, strategy);
      expect(later.status).toBe('finished');
      expect(later.command).toEqual(['ntp=']);
    }
    expect(dev.runningConfig).not.toContain('INJECTED');
    const rendered = await sys.api.post('/template/render', { name: 'jinja2', template: 'ntp={{ ntp }}', context: {} });
    expect(rendered.text).toBe('"ntp="');
  });

  it('a filter swapped by one request is not seen by the next', async () => {
    expect((await sys.api.post('/template/render', { name: 'jinja2', template: SWAP_FILTER, context: {} })).status).toBe(400);
    await configJob(SWAP_FILTER);
    await configJob(SWAP_FILTER, {}, 'pinned');
    expect((await sys.api.post('/template/render', { name: 'jinja2', template: '{{ "a" | upper }}', context: {} })).text).toBe('"A"');
    expect((await configJob('{{ "loopback1" | upper }}')).command).toEqual(['LOOPBACK1']);
    expect((await configJob('{{ "loopback1" | upper }}', {}, 'pinned')).command).toEqual(['LOOPBACK1']);
  });

  describe('runaway renders and parses run in worker threads with limits', () => {
    const REDOS = 'Value A ((a+)+b)\n\nStart\n  ^${A} -> Record\n';
    const REDOS_TEXT = `${'a'.repeat(32)}!\n`;

    /** Polls `/health` until `done` settles; resolves with the slowest answer, milliseconds. */
    const slowestHealth = async (done: Promise<unknown>): Promise<number> => {
      let settled = false;
      void done.finally(() => (settled = true));
      let worst = 0;
      while (!settled) {
        const started = Date.now();
        expect((await sys.api.get('/health')).status).toBe(200);
        worst = Math.max(worst, Date.now() - started);
        await sleep(50);
      }
      return worst;
    };

    it('a catastrophic TextFSM regex answers 400 at templates.timeout while /health stays fast; the next parse works', async () => {
      const started = Date.now();
      const parse = sys.api.post<{ detail: string }>('/template/parse', { name: 'textfsm', template: REDOS, context: REDOS_TEXT });
      const worst = await slowestHealth(parse);
      const res = await parse;
      expect(res).toMatchObject({ status: 400, body: { detail: 'Parsing stopped: it ran longer than the limit templates.timeout (2 s)' } });
      // Generous bounds on a shared machine: the regex alone would hold a thread for minutes.
      expect(Date.now() - started).toBeLessThan(12_000);
      expect(worst).toBeLessThan(1000);
      expect((await sys.api.post('/template/parse', { name: 'textfsm', template: REDOS, context: 'aab\n' })).body).toEqual([{ A: 'aab' }]);
    });

    it('CPU, memory and size bombs answer 400 naming the limit', async () => {
      const render = (template: string) => sys.api.post<{ detail: string }>('/template/render', { name: 'jinja2', template, context: {} });
      const cpu = await render('{% for i in range(100000) %}{% for j in range(100000) %}{{ j }}{% endfor %}{% endfor %}');
      // Its output grows too: the heap cap may end it before the clock does.
      expect(cpu).toMatchObject({ status: 400, body: { detail: expect.stringMatching(/templates\.(timeout \(2 s\)|max_memory_mb \(64 MB\))/) } });
      const memory = await render('{% set l = [] %}{% for i in range(100000) %}{% set _ = l.append("x" * 100000) %}{% endfor %}{{ l | length }}');
      expect(memory).toMatchObject({ status: 400, body: { detail: expect.stringMatching(/templates\.(max_memory_mb \(64 MB\)|timeout)/) } });
      expect((await render('{{ "1".zfill(300000000) }}')).body.detail).toContain('zfill width 300000000 is over the limit of 10000 characters');
      expect((await render('{{ "x" | center(10000000) }}')).status).toBe(400);
      expect((await render('{{ "%300000000d" | format(1) }}')).status).toBe(400);
      expect((await render('x'.repeat(1024 * 1024 + 1))).body.detail).toBe('The template is 1048577 bytes, over the limit templates.max_bytes (1048576)');
      // Once 12 s of pre-check on the event loop; now linear, and bounded by the limit in any case.
      const started = Date.now();
      const lines = await render('{{a}}\n'.repeat(20000));
      expect(Date.now() - started).toBeLessThan(8000);
      expect(lines.status === 200 || lines.body.detail.includes('templates.timeout')).toBe(true);
      expect(sys.apps.every((a) => a.child?.exitCode === null)).toBe(true);
    });

    it('a runaway parse in a job fails its parsing step and keeps the device output; a bystander job finishes', async () => {
      // `show version` starts with the hostname: 32 `a`s and a character that is not `b`.
      const line = `${'a'.repeat(32)}c`;
      const slow = await startDevice({ platform: 'cisco_ios', host: '127.13.0.2', port: 0, hostname: line });
      const res = await sys.api.post<JobInResponse>('/device/exec', {
        driver: 'netmiko',
        connection_args: { ...conn(), host: slow.host, port: slow.port },
        command: 'show version',
        queue_strategy: 'fifo',
        parsing: { name: 'textfsm', template: REDOS },
      });
      const job = await sys.api.waitForJob<JobInResponse>(res.body.id, 30_000);
      expect([job.status, job.result?.retval?.[0]?.stdout]).toEqual(['failed', expect.stringContaining(line)]);
      expect(job.result?.error).toEqual({ type: 'TemplateParseError', message: 'Parsing stopped: it ran longer than the limit templates.timeout (2 s)' });
      expect(job.result?.retval?.[0]?.stdout).toContain(line);
      await slow.stop();
      const bystander = await sys.api.post<JobInResponse>('/device/exec', { driver: 'netmiko', connection_args: conn(), command: 'show clock', queue_strategy: 'fifo' });
      expect((await sys.api.waitForJob<JobInResponse>(bystander.body.id)).status).toBe('finished');
    });

    it('exports event-loop lag as a histogram and stays ready', async () => {
      const metrics = await sys.api.get('/metrics');
      expect(metrics.text).toMatch(/^netpulse_event_loop_lag_seconds_bucket\{le="0.005",app="controller"\} \d+/m);
      expect((await sys.api.get('/readyz')).status).toBe(200);
    });
  });
});

