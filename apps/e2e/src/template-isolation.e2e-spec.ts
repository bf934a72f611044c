import type { JobInResponse } from '@netpulse/contracts';
import { SimulatedDevice, startDevice } from '@netpulse/device-sim';
import { TestSystem } from '@netpulse/testing';

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
    sys = await TestSystem.start({ fifoWorkers: 1, nodeWorkers: 1 });
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
});
