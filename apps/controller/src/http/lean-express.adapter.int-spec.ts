import { Controller, Get, Module, Post, Req, Res } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import type { NestExpressApplication } from '@nestjs/platform-express';
import type { Request, Response } from 'express';
import type { AddressInfo } from 'node:net';
import type { IncomingMessage, Server } from 'node:http';
import { LeanExpressAdapter } from './lean-express.adapter';

@Controller('probe')
class ProbeController {
  @Get('object')
  object(): { ok: boolean; list: number[] } {
    return { ok: true, list: [1, 2] };
  }

  @Get('text')
  text(): string {
    return 'plain';
  }

  @Post('echo')
  echo(@Req() req: Request, @Res() res: Response): void {
    // Express' own request and response API, as a route uses it.
    res.status(202).json({ path: req.path, query: req.query, ip: typeof req.ip });
  }
}

@Module({ controllers: [ProbeController] })
class ProbeModule {}

/** The adapter under a real Nest app and real HTTP: requests born with Express' prototypes, answers unchanged. */
describe('LeanExpressAdapter', () => {
  let app: NestExpressApplication;
  let base: string;
  const bornExpress: boolean[] = [];

  beforeAll(async () => {
    app = await NestFactory.create<NestExpressApplication>(ProbeModule, new LeanExpressAdapter(), { logger: false, bodyParser: false });
    await app.listen(0, '127.0.0.1');
    const server = app.getHttpServer() as Server;
    const expressApp = app.getHttpAdapter().getInstance() as { request: object };
    // Runs before Express sees the request: the prototype it was created with.
    server.prependListener('request', (req: IncomingMessage) => void bornExpress.push(Object.getPrototypeOf(req) === expressApp.request));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });

  afterAll(async () => {
    await app.close();
  });

  it('creates every request with the Express request prototype (Express then has nothing to swap)', async () => {
    bornExpress.length = 0;
    await fetch(`${base}/probe/object`);
    await fetch(`${base}/probe/text`);
    expect(bornExpress).toEqual([true, true]);
  });

  it('answers a route object as JSON with its length, and a string the framework way', async () => {
    const obj = await fetch(`${base}/probe/object`);
    expect(obj.status).toBe(200);
    expect(obj.headers.get('content-type')).toBe('application/json; charset=utf-8');
    const body = await obj.text();
    expect(obj.headers.get('content-length')).toBe(String(Buffer.byteLength(body)));
    expect(JSON.parse(body)).toEqual({ ok: true, list: [1, 2] });
    const text = await fetch(`${base}/probe/text`);
    expect(await text.text()).toBe('plain');
  });

  it('keeps the Express request and response API working (path, query, ip, status, json) and 404s unknown paths', async () => {
    const res = await fetch(`${base}/probe/echo?a=1`, { method: 'POST' });
    expect(res.status).toBe(202);
    expect(await res.json()).toEqual({ path: '/probe/echo', query: { a: '1' }, ip: 'string' });
    expect((await fetch(`${base}/nowhere`)).status).toBe(404);
  });
});
