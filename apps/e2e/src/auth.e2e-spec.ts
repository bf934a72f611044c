import { TestSystem } from '@netpulse/testing';
import { request as httpRequest } from 'node:http';

// A reverse proxy of the test, connecting from its own loopback address.
const PROXY = '127.24.0.5';

/** One request from a chosen local address (the TCP peer the controller sees). */
function fromAddress(sys: TestSystem, localAddress: string, headers: Record<string, string>): Promise<number> {
  return new Promise((resolve, reject) => {
    const req = httpRequest(`${sys.baseUrl}/jobs`, { localAddress, headers }, (res) => {
      res.resume();
      res.on('end', () => resolve(res.statusCode ?? 0));
    });
    req.on('error', reject);
    req.end();
  });
}

describe('API key (header, query, cookie)', () => {
  let sys: TestSystem;
  beforeAll(async () => {
    sys = await TestSystem.start({ fifoWorkers: 0, env: { NETPULSE_SECURITY__AUTH_RATE_LIMIT: '12', NETPULSE_SERVER__TRUSTED_PROXIES: `["${PROXY}/32"]` } });
  });
  afterAll(async () => {
    await sys?.stop();
  });

  it('accepts the key in a header, the query or a cookie', async () => {
    const noKey = { noKey: true };
    expect((await sys.api.request('GET', '/health')).body).toEqual({ status: 'ok' });
    expect((await sys.api.request('GET', `/health?X-API-KEY=${sys.apiKey}`, undefined, noKey)).status).toBe(200);
    expect((await sys.api.request('GET', '/health', undefined, { ...noKey, headers: { Cookie: `other=1; X-API-KEY=${sys.apiKey}` } })).status).toBe(200);
  });

  it.each([
    ['no key', {}],
    ['a wrong header', { 'X-API-KEY': 'nope' }],
    ['a wrong cookie', { Cookie: 'X-API-KEY=nope' }],
  ])('answers 403 with the contract body for %s', async (_what, headers) => {
    const res = await sys.api.request('GET', '/health', undefined, { noKey: true, headers });
    expect(res.status).toBe(403);
    expect(res.body).toEqual({ detail: 'Invalid or missing API key.' });
  });

  it('protects every route, including unknown ones being 404 only with a key', async () => {
    for (const [m, p] of [['GET', '/jobs'], ['GET', '/workers'], ['GET', '/system/stats'], ['POST', '/device/exec'], ['DELETE', '/jobs/x']] as const) {
      expect((await sys.api.request(m, p, undefined, { noKey: true })).status).toBe(403);
    }
    expect((await sys.api.get('/no-such-route')).body).toEqual({ detail: 'Not Found' });
  });

  it('rate-limits an address that keeps sending wrong keys (429), but never the right key from it', async () => {
    let last = 0;
    for (let i = 0; i < 15; i++) last = (await sys.api.request('GET', '/jobs', undefined, { noKey: true, headers: { 'X-API-KEY': `guess-${i}` } })).status;
    expect(last).toBe(429);
    const wrong = await sys.api.request('GET', '/health', undefined, { noKey: true, headers: { 'X-API-KEY': 'still-wrong' } });
    expect(wrong.status).toBe(429);
    expect(wrong.body).toEqual({ detail: 'Too many failed API key attempts from this address; try again in a minute' });
    // Someone else behind the same address (NAT, proxy) with the right key is not locked out.
    expect((await sys.api.get('/health')).status).toBe(200);
    expect((await sys.api.get('/jobs')).status).toBe(200);
  });

  it('reads X-Forwarded-For only from a trusted proxy', async () => {
    // Not trusted: the header cannot spread guesses over made-up addresses (127.0.0.1 is limited already).
    expect(await fromAddress(sys, '127.0.0.1', { 'X-API-KEY': 'bad', 'X-Forwarded-For': '127.24.9.9' })).toBe(429);
    // Through the trusted proxy, each client behind it is counted on its own.
    let last = 0;
    for (let i = 0; i < 15; i++) last = await fromAddress(sys, PROXY, { 'X-API-KEY': `bad-${i}`, 'X-Forwarded-For': '127.24.1.1' });
    expect(last).toBe(429);
    expect(await fromAddress(sys, PROXY, { 'X-API-KEY': 'bad', 'X-Forwarded-For': '127.24.1.2' })).toBe(403);
    expect(await fromAddress(sys, PROXY, { 'X-API-KEY': 'bad', 'X-Forwarded-For': '127.24.1.1, 127.24.0.5' })).toBe(429);
    expect(await fromAddress(sys, PROXY, { 'X-API-KEY': sys.apiKey, 'X-Forwarded-For': '127.24.1.1' })).toBe(200);
  });
});
