import { ApiClient, TestSystem } from '@netpulse/testing';
import { createHash, randomBytes } from 'node:crypto';
import { mkdtempSync, renameSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';

const sha = (k: string): string => createHash('sha256').update(k).digest('hex');
const newKey = (): string => randomBytes(16).toString('hex');

/** Until `check` passes (a reload is asynchronous: file polling, a signal). */
async function eventually(check: () => Promise<boolean>, timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await sleep(200);
  }
}

describe('API keys with roles', () => {
  const dir = mkdtempSync(join(tmpdir(), 'np-keys-'));
  const configFile = join(dir, 'config.yaml');
  const keyFile = join(dir, 'keys.yaml');
  const keys = { read: newKey(), operate: newKey(), admin: newKey(), file: newKey() };
  let sys: TestSystem;
  const as = (key: string): ApiClient => new ApiClient(sys.baseUrl, key);
  const writeConfig = (entries: { name: string; key: string; role: string }[]): void =>
    writeFileSync(configFile, `server:\n  api_keys:\n${entries.map((e) => `    - { name: ${e.name}, sha256: "${sha(e.key)}", role: ${e.role} }\n`).join('')}`);
  const writeKeyFile = (name: string, key: string, role: string): void => {
    // Written aside and renamed, as a mounted secret is swapped.
    writeFileSync(`${keyFile}.tmp`, JSON.stringify([{ name, sha256: `sha256:${sha(key).toUpperCase()}`, role }]));
    renameSync(`${keyFile}.tmp`, keyFile);
  };

  beforeAll(async () => {
    writeConfig([
      { name: 'noc-read', key: keys.read, role: 'read' },
      { name: 'automation', key: keys.operate, role: 'operate' },
      { name: 'platform', key: keys.admin, role: 'admin' },
    ]);
    writeKeyFile('from-file', keys.file, 'read');
    sys = await TestSystem.start({ fifoWorkers: 0, env: { NETPULSE_CONFIG_FILE: configFile, NETPULSE_SERVER__API_KEYS_FILE: keyFile } });
  });
  afterAll(async () => {
    await sys?.stop();
  });

  it('a read key reads and is refused changes with a 403 naming the missing role', async () => {
    expect((await as(keys.read).get('/jobs')).status).toBe(200);
    expect((await as(keys.read).get('/workers')).status).toBe(200);
    const res = await as(keys.read).post('/device/exec', { driver: 'netmiko' });
    expect(res.status).toBe(403);
    expect(res.body).toEqual({ detail: "This route needs the 'operate' role; the API key 'noc-read' has the 'read' role" });
    expect((await as(keys.read).delete('/jobs/nope')).status).toBe(403);
  });

  it('an operate key runs jobs but cannot manage workers or clear detached tasks', async () => {
    expect((await as(keys.operate).post('/device/exec', { driver: 'netmiko' })).status).toBe(422);
    expect((await as(keys.operate).post('/template/render', {})).status).not.toBe(403);
    const res = await as(keys.operate).delete('/workers/nobody');
    expect(res.status).toBe(403);
    expect((res.body as { detail: string }).detail).toContain("needs the 'admin' role");
    expect((await as(keys.operate).delete('/detached-tasks')).status).toBe(403);
  });

  it('an admin key and the full-access server.api_key may do everything', async () => {
    for (const client of [as(keys.admin), sys.api]) {
      expect((await client.delete('/detached-tasks')).status).toBe(200);
      expect((await client.delete('/workers/nobody')).status).not.toBe(403);
    }
  });

  it('an unknown key gets the original 403 body', async () => {
    const res = await as('not-a-key').get('/jobs');
    expect(res.status).toBe(403);
    expect(res.body).toEqual({ detail: 'Invalid or missing API key.' });
  });

  it('rotates keys of the mounted file without a restart', async () => {
    expect((await as(keys.file).get('/jobs')).status).toBe(200);
    const next = newKey();
    writeKeyFile('from-file', next, 'read');
    await eventually(async () => (await as(next).get('/jobs')).status === 200);
    expect((await as(keys.file).get('/jobs')).status).toBe(403);
  });

  it('re-reads the config file on SIGHUP', async () => {
    const next = newKey();
    writeConfig([{ name: 'noc-read', key: next, role: 'read' }]);
    sys.apps[0].child?.kill('SIGHUP');
    await eventually(async () => (await as(next).get('/jobs')).status === 200);
    expect((await as(keys.read).get('/jobs')).status).toBe(403);
    expect((await as(keys.admin).get('/jobs')).status).toBe(403);
    expect(sys.logs()).toContain('API keys reloaded');
  });
});
