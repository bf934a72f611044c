import type { IncomingMessage, ServerResponse } from 'node:http';
import { NetpulseMetrics } from '../metrics/netpulse.metrics';
import { ProbeHandler } from './probe.handler';

/** A response stub recording what the middleware sends; fails on anything it does not expect. */
class ResponseStub {
  body: string | undefined;
  headers: Record<string, string | number> = {};
  statusCode = 0;
  private resolve: () => void = () => undefined;
  // After `resolve` on purpose: field initialisers run in order.
  ended = new Promise<void>((resolve) => (this.resolve = resolve));

  setHeader(k: string, v: string | number): void {
    this.headers[k.toLowerCase()] = v;
  }

  end(body?: string): void {
    this.body = body;
    this.resolve();
  }
}

function run(sut: ProbeHandler, method: string, url: string): Promise<{ nextCalled: boolean; res: ResponseStub }> {
  const res = new ResponseStub();
  return new Promise((resolve) => {
    sut.middleware()({ method, url } as IncomingMessage, res as unknown as ServerResponse, () => resolve({ nextCalled: true, res }));
    void res.ended.then(() => resolve({ nextCalled: false, res }));
  });
}

describe('ProbeHandler.middleware', () => {
  it('answers the probes and passes every other request on', async () => {
    const sut = new ProbeHandler({ metrics: new NetpulseMetrics('t', { processMetrics: false }) });
    expect((await run(sut, 'GET', '/livez')).res.statusCode).toBe(200);
    expect((await run(sut, 'GET', '/metrics?x=1')).res.headers['content-type']).toContain('text/plain');
    expect((await run(sut, 'HEAD', '/readyz')).res.body).toBeUndefined();
    expect((await run(sut, 'GET', '/jobs')).nextCalled).toBe(true);
    expect((await run(sut, 'POST', '/livez')).nextCalled).toBe(true);
  });

  it('leaves /metrics to the app when it has no metrics (metrics.require_api_key)', async () => {
    const sut = new ProbeHandler({ ready: () => true });
    expect((await run(sut, 'GET', '/metrics')).nextCalled).toBe(true);
    expect((await run(sut, 'GET', '/readyz')).res.statusCode).toBe(200);
  });

  it('rejects a bad option by name', () => {
    expect(() => new ProbeHandler({ readyTimeoutMs: -1 })).toThrow('readyTimeoutMs must be a number greater than 0');
  });
});
