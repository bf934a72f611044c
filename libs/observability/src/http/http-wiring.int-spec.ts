import { Body, Controller, Get, Module, Param, Post } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import type { NestExpressApplication } from '@nestjs/platform-express';
import express from 'express';
import { request } from 'node:http';
import type { AddressInfo } from 'node:net';
import { AppLogger } from '../logging/app.logger';
import { REQUEST_ID_HEADER, requestIdMiddleware } from '../logging/request-id.middleware';
import { httpMetricsMiddleware } from '../metrics/http-metrics.middleware';
import { NetpulseMetrics } from '../metrics/netpulse.metrics';
import { ProbeHandler } from './probe.handler';
import { setTimeout as sleep } from 'node:timers/promises';

/** The wiring the controller gets, on a two-route Nest app: proves route patterns and request ids end to end. */
const lines: string[] = [];
const logger = new AppLogger('wiring-test', 'info', (l) => lines.push(l));

@Controller('jobs')
class JobsStubController {
  @Get(':id')
  async read(@Param('id') id: string): Promise<{ id: string }> {
    await sleep(5);
    logger.event('info', 'job read', { job_id: id });
    return { id };
  }

  @Post()
  async create(@Body() body: unknown): Promise<{ size: number }> {
    await Promise.resolve();
    logger.event('info', 'job posted', { body });
    return { size: Buffer.isBuffer(body) ? body.length : -1 };
  }
}

@Module({ controllers: [JobsStubController] })
class StubModule {}

interface Reply {
  body: string;
  headers: Record<string, string | string[] | undefined>;
  status: number;
}

function call(port: number, method: string, path: string, headers: Record<string, string> = {}, body?: string): Promise<Reply> {
  return new Promise((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port, method, path, headers, agent: false }, (res) => {
      let text = '';
      res.setEncoding('utf8');
      res.on('data', (c: string) => (text += c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: text }));
    });
    req.on('error', reject);
    req.end(body);
  });
}

describe('HTTP wiring (metrics, probes, request ids) on a Nest Express app', () => {
  const metrics = new NetpulseMetrics('controller', { processMetrics: false });
  let app: NestExpressApplication;
  let port: number;

  beforeAll(async () => {
    app = await NestFactory.create<NestExpressApplication>(StubModule, { bodyParser: false, logger: false });
    app.use(httpMetricsMiddleware(metrics));
    app.use(new ProbeHandler({ metrics, ready: () => ({ ready: false, reason: 'redis: not connected' }) }).middleware());
    app.use(requestIdMiddleware());
    app.use(express.raw({ type: () => true, limit: 1024 }));
    await app.listen(0, '127.0.0.1');
    port = (app.getHttpServer().address() as AddressInfo).port;
  });

  afterAll(() => app.close());

  beforeEach(() => lines.splice(0));

  it('labels requests with the matched route pattern, never the raw URL', async () => {
    await call(port, 'GET', '/jobs/0b1c-1111');
    await call(port, 'GET', '/jobs/0b1c-2222?x=1');
    await call(port, 'GET', '/nope/127.0.0.1');
    await call(port, 'POST', '/jobs', { 'content-type': 'application/json' }, '{}');
    const text = await metrics.metrics();
    expect(text).toMatch(/^netpulse_http_requests_total\{method="GET",route="\/jobs\/:id",status="200",app="controller"\} 2$/m);
    expect(text).toMatch(/^netpulse_http_requests_total\{method="GET",route="unmatched",status="404",app="controller"\} 1$/m);
    expect(text).toMatch(/^netpulse_http_requests_total\{method="POST",route="\/jobs",status="201",app="controller"\} 1$/m);
    expect(text).not.toContain('0b1c');
    expect(text).not.toContain('127.0.0.1');
  });

  it('serves probes before the API (no key, no body reader) and counts them', async () => {
    const ready = await call(port, 'GET', '/readyz');
    expect(ready.status).toBe(503);
    expect(JSON.parse(ready.body)).toEqual({ status: 'not ready', reason: 'redis: not connected' });
    expect((await call(port, 'GET', '/livez')).status).toBe(200);
    const m = await call(port, 'GET', '/metrics');
    expect(m.body).toContain('netpulse_http_request_duration_seconds_bucket');
    expect(await metrics.metrics()).toMatch(/^netpulse_http_requests_total\{method="GET",route="\/readyz",status="503",app="controller"\} 1$/m);
  });

  it('echoes a sane X-Request-ID and logs it on lines written inside the request', async () => {
    const r = await call(port, 'GET', '/jobs/abc', { [REQUEST_ID_HEADER]: 'client-id-42' });
    expect(r.headers['x-request-id']).toBe('client-id-42');
    const line = JSON.parse(lines.find((l) => l.includes('job read')) ?? '{}') as Record<string, unknown>;
    expect(line).toMatchObject({ msg: 'job read', job_id: 'abc', request_id: 'client-id-42' });
  });

  it('keeps the request id through the body reader, even for a body arriving in delayed chunks', async () => {
    const r = await call(port, 'POST', '/jobs', { 'content-type': 'application/json' }, '{"connection_args":{"password":"pw-in-body"}}');
    const line = JSON.parse(lines.find((l) => l.includes('job posted')) ?? '{}') as Record<string, unknown>;
    expect(line.request_id).toBe(r.headers['x-request-id']);
    expect(lines.join('')).not.toContain('pw-in-body');

    lines.splice(0);
    const slow = await new Promise<Reply>((resolve, reject) => {
      const req = request({ host: '127.0.0.1', port, method: 'POST', path: '/jobs', headers: { 'content-length': '10', [REQUEST_ID_HEADER]: 'slow-body' }, agent: false }, (res) => {
        res.resume();
        res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: '' }));
      });
      req.on('error', reject);
      req.write('12345');
      setTimeout(() => req.end('67890'), 50);
    });
    expect(slow.status).toBe(201);
    expect(JSON.parse(lines.find((l) => l.includes('job posted')) ?? '{}')).toMatchObject({ request_id: 'slow-body' });
  });

  it('puts the request id on answers the body reader gives itself (413)', async () => {
    const r = await call(port, 'POST', '/jobs', { [REQUEST_ID_HEADER]: 'too-big' }, 'x'.repeat(2048));
    expect(r.status).toBe(413);
    expect(r.headers['x-request-id']).toBe('too-big');
  });

  it.each([['has space'], ['x'.repeat(129)], ['quote"d'], ['']])('replaces an unusable X-Request-ID %p with a UUID', async (given) => {
    const r = await call(port, 'GET', '/jobs/abc', { [REQUEST_ID_HEADER]: given });
    expect(r.headers['x-request-id']).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/);
  });

  it('gives two concurrent requests their own ids', async () => {
    const [a, b] = await Promise.all([call(port, 'GET', '/jobs/one'), call(port, 'GET', '/jobs/two')]);
    const idOf = (job: string): unknown => (JSON.parse(lines.find((l) => l.includes(`"job_id":"${job}"`)) ?? '{}') as Record<string, unknown>).request_id;
    expect(idOf('one')).toBe(a.headers['x-request-id']);
    expect(idOf('two')).toBe(b.headers['x-request-id']);
    expect(a.headers['x-request-id']).not.toBe(b.headers['x-request-id']);
  });
});
