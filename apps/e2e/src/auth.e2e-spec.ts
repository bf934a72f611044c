import { TestSystem } from '@netpulse/testing';

describe('API key (header, query, cookie)', () => {
  let sys: TestSystem;
  beforeAll(async () => {
    sys = await TestSystem.start({ fifoWorkers: 0, env: { NETPULSE_SECURITY__AUTH_RATE_LIMIT: '12' } });
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

  it('rate-limits an address that keeps sending wrong keys (429), even with the right key afterwards', async () => {
    let last = 0;
    for (let i = 0; i < 15; i++) last = (await sys.api.request('GET', '/jobs', undefined, { noKey: true, headers: { 'X-API-KEY': `guess-${i}` } })).status;
    expect(last).toBe(429);
    const res = await sys.api.get('/health');
    expect(res.status).toBe(429);
    expect(res.body).toEqual({ detail: 'Too many failed API key attempts from this address; try again in a minute' });
  });
});
