import type { JobInResponse } from '@netpulse/contracts';
import { SimulatedDevice, startDevice } from '@netpulse/device-sim';
import { TestSystem, dumpNamespace, readTestEnv, waitUntil } from '@netpulse/testing';
import { readFileSync } from 'node:fs';
import { Server, createServer } from 'node:http';
import type { AddressInfo } from 'node:net';

describe('secrets never leak (responses, logs, Redis)', () => {
  const env = readTestEnv();
  const secretPw = `Sw33p-${Date.now()}-pw`;
  const enableSecret = `Sw33p-${Date.now()}-en`;
  const pkey = readFileSync(env.sshKeyFile, 'utf8');
  const pkeyBody = pkey.split('\n')[2];
  const hookToken = `T0ken-${Date.now()}-hdr`;
  const hookCookie = `C00kie-${Date.now()}-ck`;
  const hookPassword = `H00k-${Date.now()}-pw`;
  let sys: TestSystem;
  let dev: SimulatedDevice;
  let hook: Server;
  let hookUrl = '';
  const delivered: string[] = [];
  const responses: string[] = [];

  beforeAll(async () => {
    dev = await startDevice({ platform: 'cisco_ios', host: '127.0.67.1', port: 0, password: secretPw, secret: enableSecret });
    hook = createServer((req, res) => {
      let body = '';
      req.on('data', (d: Buffer) => (body += d.toString()));
      req.on('end', () => {
        delivered.push(body);
        res.end('{}');
      });
    });
    await new Promise<void>((r) => hook.listen(0, '127.0.0.1', r));
    hookUrl = `http://127.0.0.1:${(hook.address() as AddressInfo).port}/hook`;
    sys = await TestSystem.start({ fifoWorkers: 1, nodeWorkers: 1 });
  });
  afterAll(async () => {
    await sys?.stop();
    await dev?.stop();
    hook?.closeAllConnections();
    await new Promise((r) => hook?.close(r));
  });

  it('finds none of the test passwords, secrets or keys anywhere the suite can look', async () => {
    const linux = { host: env.sshHost, port: env.sshPort, username: env.sshUser, password: env.sshPassword };
    const cisco = { device_type: 'cisco_ios', host: dev.host, port: dev.port, username: 'admin', password: secretPw, secret: enableSecret };
    const bodies: Record<string, unknown>[] = [
      { driver: 'paramiko', connection_args: linux, command: ['echo ok', 'id -u'], driver_args: { sudo: true } },
      { driver: 'paramiko', connection_args: { host: env.sshHost, port: env.sshPort, username: env.sshUser, pkey }, command: 'whoami' },
      { driver: 'paramiko', connection_args: { ...linux, password: `${secretPw}-wrong` }, command: 'true' },
      { driver: 'netmiko', connection_args: cisco, command: 'show running-config', enable_mode: true },
      { driver: 'netmiko', connection_args: cisco, config: ['interface Loopback5', 'description sweep'], save: true },
      { driver: 'netmiko', connection_args: { ...cisco, password: `${secretPw}-bad` }, command: 'show clock' },
      { driver: 'netmiko', connection_args: { ...cisco, port: 'x' }, command: 'show clock' },
      { driver: 'paramiko', connection_args: linux, command: 'echo', ttl: 0 },
      // Secrets typed into commands and echoed by the device, webhook auth, header and cookie values: masked by value.
      {
        driver: 'paramiko',
        connection_args: linux,
        command: [`echo ${env.sshPassword} ${hookToken}`],
        webhook: { url: hookUrl, auth: ['hookuser', hookPassword], headers: { 'X-Auth-Token': hookToken }, cookies: { session: hookCookie } },
      },
      { driver: 'paramiko', connection_args: linux, command: `sleep 1; echo ${hookCookie}`, detach: true, webhook: { url: hookUrl, headers: { 'X-Auth-Token': hookToken }, cookies: { session: hookCookie } } },
    ];
    const ids: string[] = [];
    for (const b of bodies) {
      const res = await sys.api.post<JobInResponse>('/device/exec', b);
      responses.push(res.text);
      if (res.status === 201) ids.push(res.body.id);
    }
    const bulk = await sys.api.post('/device/bulk', { driver: 'netmiko', connection_args: { device_type: 'cisco_ios', username: 'admin', password: secretPw }, command: 'show clock', devices: [{ host: dev.host, port: dev.port }, { port: 1 }] });
    responses.push(bulk.text);
    responses.push((await sys.api.post('/device/test', { driver: 'netmiko', connection_args: cisco })).text);
    responses.push((await sys.api.post('/device/test', { driver: 'paramiko', connection_args: { ...linux, password: `${secretPw}-x` } })).text);
    for (const id of ids) responses.push(JSON.stringify(await sys.api.waitForJob(id, 30_000)));
    responses.push((await sys.api.get('/jobs')).text, (await sys.api.get('/workers')).text, (await sys.api.get('/system/stats')).text);
    responses.push((await sys.api.get('/detached-tasks')).text);
    await waitUntil('a webhook body was delivered', () => delivered.length > 0, { timeoutMs: 15_000, intervalMs: 100 });

    const dump = await dumpNamespace(env.redisHost, env.redisPort, sys.namespace);
    const haystacks = { responses: responses.join('\n'), logs: sys.logs(), redis: dump, 'webhook bodies': delivered.join('\n') };
    const needles = [secretPw, enableSecret, env.sshPassword, pkeyBody, hookToken, hookCookie, hookPassword];
    for (const [where, text] of Object.entries(haystacks)) {
      for (const needle of needles) {
        if (text.includes(needle)) throw new Error(`a secret appears in ${where}: …${text.slice(Math.max(0, text.indexOf(needle) - 200), text.indexOf(needle)).replace(needle, "<secret>")}<secret>`);
      }
    }
    expect(dump.length).toBeGreaterThan(1000);
    expect(haystacks.logs.length).toBeGreaterThan(1000);
  });
});
