import type { JobInResponse } from '@netpulse/contracts';
import { SimulatedDevice, startDevice } from '@netpulse/device-sim';
import { TestSystem } from '@netpulse/testing';
import { setTimeout as sleep } from 'node:timers/promises';

/** TTP parsing through the REST API: in a job against the device simulator, and on its own. */
describe('TTP parsing (parsing.name: ttp, POST /template/parse/ttp)', () => {
  let sys: TestSystem;
  let dev: SimulatedDevice;
  const conn = () => ({ device_type: 'cisco_ios', host: dev.host, port: dev.port, username: 'admin', password: 'admin', secret: 'admin' });
  const interfaces = `
<group name="interfaces.{{ interface }}">
interface {{ interface }}
 description {{ description | ORPHRASE }}
 switchport access vlan {{ vlan | to_int }}
 switchport mode {{ mode }}
</group>`;

  beforeAll(async () => {
    dev = await startDevice({ platform: 'cisco_ios', host: '127.16.0.1', port: 0, hostname: 'TTP1' });
    sys = await TestSystem.start({ env: { NETPULSE_TEMPLATES__TIMEOUT: '2' }, fifoWorkers: 1, nodeWorkers: 1 });
  });
  afterAll(async () => {
    await sys?.stop();
    await dev?.stop();
  });

  it('parses a job’s output with a TTP template into TTP’s dictionary structure', async () => {
    for (const queue_strategy of ['fifo', 'pinned']) {
      const res = await sys.api.post<JobInResponse>('/device/exec', {
        driver: 'netmiko',
        connection_args: conn(),
        command: ['show running-config'],
        enable_mode: true,
        queue_strategy,
        parsing: { name: 'ttp', template: interfaces },
      });
      expect(res.status).toBe(201);
      const job = await sys.api.waitForJob<JobInResponse>(res.body.id);
      expect(job.status).toBe('finished');
      const parsed = job.result?.retval?.[0].parsed as { _root_template_: { interfaces: Record<string, Record<string, unknown>> }[] };
      const found = parsed._root_template_[0].interfaces;
      expect(found['GigabitEthernet1/0/1']).toEqual({ description: 'uplink', mode: 'trunk' });
      expect(found['GigabitEthernet1/0/3']).toEqual({ mode: 'access', vlan: 10 });
      expect(found.Vlan1).toEqual({});
      expect(Object.keys(found)).toHaveLength(9);
    }
  });

  it('fails only the job whose TTP template is broken, naming the problem', async () => {
    const res = await sys.api.post<JobInResponse>('/device/exec', {
      driver: 'netmiko',
      connection_args: conn(),
      command: ['show running-config'],
      parsing: { name: 'ttp', template: '<group name="x">\nhostname {{ name | re("(") }}\n</group>' },
    });
    const job = await sys.api.waitForJob<JobInResponse>(res.body.id);
    expect(job.status).toBe('failed');
    expect(job.result?.error).toMatchObject({ type: 'TemplateParseError', message: expect.stringMatching(/^TTP: invalid regular expression/) });
  });

  it('runs in the template pool: a runaway TTP regex is stopped at templates.timeout while /health stays fast', async () => {
    const runaway = { template: 'x {{ v | re("(a+)+b") }}', context: `x ${'a'.repeat(40)}!\n` };
    const pending = sys.api.post<{ detail: string }>('/template/parse/ttp', runaway);
    await sleep(300);
    const started = Date.now();
    expect((await sys.api.get('/health')).status).toBe(200);
    expect(Date.now() - started).toBeLessThan(1000);
    expect(await pending).toMatchObject({ status: 400, body: { detail: 'Parsing stopped: it ran longer than the limit templates.timeout (2 s)' } });

    // A device whose running-config holds the line that makes the regex backtrack.
    const long = await startDevice({ platform: 'cisco_ios', host: '127.16.0.2', port: 0, hostname: 'a'.repeat(40) });
    try {
      const res = await sys.api.post<JobInResponse>('/device/exec', {
        driver: 'netmiko',
        connection_args: { ...conn(), host: long.host, port: long.port },
        command: ['show running-config'],
        enable_mode: true,
        parsing: { name: 'ttp', template: 'hostname {{ v | re("(a+)+b") }}' },
      });
      const job = await sys.api.waitForJob<JobInResponse>(res.body.id);
      expect(job.status).toBe('failed');
      expect(job.result?.error).toEqual({ type: 'TemplateParseError', message: 'Parsing stopped: it ran longer than the limit templates.timeout (2 s)' });
      expect(job.result?.retval?.[0].stdout).toContain(`hostname ${'a'.repeat(40)}`);
    } finally {
      await long.stop();
    }
    const after = await sys.api.post('/template/parse/ttp', { template: 'x {{ v }}', context: 'x 1\n' });
    expect(after).toMatchObject({ status: 200, body: { _root_template_: [{ v: '1' }] } });
  });

  it('answers POST /template/parse/ttp with the result, and clear 400s', async () => {
    const ok = await sys.api.post('/template/parse/ttp', { template: interfaces, context: 'interface Lo0\n description router id\n' });
    expect(ok).toMatchObject({ status: 200, body: { _root_template_: [{ interfaces: { Lo0: { description: 'router id' } } }] } });
    const noTemplate = await sys.api.post<{ detail: string }>('/template/parse', { name: 'ttp', template: '', context: 'x' });
    expect(noTemplate).toMatchObject({ status: 400, body: { detail: 'Parser ttp needs `template` (TTP template text or URL)' } });
    const collection = await sys.api.post<{ detail: string }>('/template/parse/ttp', { template: '', use_ttp_template: true, ttp_template_args: { platform: 'cisco_ios', command: 'show version' }, context: 'x' });
    expect(collection.status).toBe(400);
    expect(collection.body.detail).toContain('use_ttp_template is not supported');
    const macro = await sys.api.post<{ detail: string }>('/template/parse/ttp', { template: '<template>\n<macro>\nimport os\n</macro>\n</template>', context: 'x' });
    expect(macro).toMatchObject({ status: 400, body: { detail: 'TTP: <macro> holds Python code, which this TTP engine does not run' } });
  });
});
