import { HostileInputGenerator, TestSystem } from '@netpulse/testing';

/** Cases per endpoint: a short run in `npm test`; `npm run test:chaos` sets NETPULSE_FUZZ_CASES higher. */
const CASES = Number(process.env.NETPULSE_FUZZ_CASES ?? 40);
const SEED = Number(process.env.NETPULSE_FUZZ_SEED ?? 20261128);

describe('hostile input on every endpoint', () => {
  let sys: TestSystem;
  const gen = new HostileInputGenerator(SEED);
  const base = { driver: 'paramiko', connection_args: { host: '127.0.0.1', port: 1, username: 'u', password: 'p' }, command: 'true', ttl: 5 };
  const endpoints: [string, string, Record<string, unknown>][] = [
    ['POST', '/device/exec', base],
    ['POST', '/device/bulk', { ...base, devices: [{ host: '127.0.0.1' }] }],
    ['POST', '/device/test', { driver: 'paramiko', connection_args: { host: '127.0.0.1', port: 1, username: 'u', password: 'p', timeout: 1 } }],
  ];

  beforeAll(async () => {
    sys = await TestSystem.start({ fifoWorkers: 1 });
  });
  afterAll(async () => {
    await sys?.stop();
  });

  it.each(endpoints)(`%s %s: ${CASES} mutated bodies, no 5xx`, async (method, path, body) => {
    for (let i = 0; i < CASES; i++) {
      const mutated = gen.mutate(body);
      const res = await sys.api.request(method, path, mutated);
      if (res.status >= 500 && res.status !== 503) throw new Error(`case ${i} (seed ${SEED}): ${res.status} ${res.text.slice(0, 300)} for ${JSON.stringify(mutated).slice(0, 300)}`);
    }
  });

  it.each(endpoints)(`%s %s: ${CASES} bodies with a secret of any type at a secret path, never echoed`, async (method, path, body) => {
    const withHook = { ...body, webhook: { url: 'http://127.0.0.1:1/h' } };
    for (let i = 0; i < CASES; i++) {
      const { body: planted, path: where, marker } = gen.secretEcho(path === '/device/test' ? body : withHook);
      const res = await sys.api.request(method, path, planted);
      if (res.text.includes(marker)) throw new Error(`case ${i} (seed ${SEED}): ${where} echoed in ${res.status} ${res.text.slice(0, 300)}`);
      if (res.status >= 500 && res.status !== 503) throw new Error(`case ${i} (seed ${SEED}): ${res.status} ${res.text.slice(0, 300)}`);
    }
  });

  it('names the position of a JSON syntax error, never the text around it', async () => {
    const raw = '{"driver": "paramiko", "connection_args": {"host": "127.0.0.1", "password": Unqu0tedSecret}, "command": "true"}';
    for (const path of ['/device/exec', '/device/bulk', '/device/test']) {
      const res = await sys.api.request('POST', path, undefined, { raw });
      expect(res.status).toBe(422);
      expect(res.text).toContain('Expecting value: line 1 column 77 (char 76)');
      expect(res.text).not.toContain('Unqu0ted');
    }
  });

  it('survives malformed, deeply nested, oversized and wrongly typed raw bodies and queries', async () => {
    const raws = ['', '{', 'null', '[]', '"str"', '{"a":}', '\u0000', HostileInputGenerator.deepNesting(50_000), `{"command":"${'a'.repeat(1000)}"`, '{"driver":"paramiko","driver":"netmiko"}'];
    for (const raw of raws) {
      for (const path of ['/device/exec', '/device/bulk', '/device/test']) {
        const res = await sys.api.request('POST', path, undefined, { raw });
        expect(res.status).toBeGreaterThanOrEqual(400);
        expect(res.status).toBeLessThan(500);
      }
    }
    const queries = ['/jobs?limit=abc', '/jobs?limit=-1', '/jobs?offset=1e9', '/jobs?status[]=x', '/jobs?queue=%00', '/workers?host=' + 'x'.repeat(5000), '/jobs/' + 'x'.repeat(2000), '/jobs/%2e%2e%2f'];
    for (const q of queries) {
      const res = await sys.api.get(q);
      expect(res.status).toBeLessThan(500);
    }
    const headerSets: Record<string, string>[] = [{ 'Content-Type': 'text/plain' }, { 'Content-Type': 'application/json; charset=latin1' }, { 'X-API-KEY': 'x'.repeat(10_000) }];
    for (const headers of headerSets) {
      const res = await sys.api.request('POST', '/device/exec', undefined, { raw: JSON.stringify(base), headers });
      expect(res.status).toBeLessThan(500);
    }
    expect((await sys.api.get('/health')).status).toBe(200);
  });
});
