import { createHmac } from 'node:crypto';
import { IncomingHttpHeaders, Server, createServer } from 'node:http';
import { AddressInfo } from 'node:net';
import { WebhookDeliveryError } from './webhook-delivery.error';
import type { WebhookConfig } from './webhook.config';
import { SIGNATURE_HEADER, TIMESTAMP_HEADER, WebhookSender } from './webhook.sender';

interface Received {
  method: string;
  url: string;
  headers: IncomingHttpHeaders;
  body: Buffer;
}

describe('WebhookSender (local receiver on 127.0.0.1)', () => {
  let server: Server;
  let base: string;
  const received: Received[] = [];
  const payload = { event_type: 'job.completed', id: 'job-1', note: 'héllo' };
  const secrets = { cookie: 'cookie-s3cret', header: 'hdr-s3cret', password: 'pw-s3cret', query: 'qry-s3cret' };

  beforeAll(async () => {
    server = createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (c: Buffer) => chunks.push(c));
      req.on('end', () => {
        received.push({ body: Buffer.concat(chunks), headers: req.headers, method: req.method ?? '', url: req.url ?? '' });
        if (req.url?.startsWith('/fail')) res.writeHead(500).end('no');
        else if (req.url?.startsWith('/moved')) res.writeHead(302, { location: '/ok' }).end();
        else if (req.url?.startsWith('/slow')) setTimeout(() => res.end('late'), 3000).unref();
        else res.writeHead(204).end();
      });
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });

  afterAll(async () => {
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
  });

  beforeEach(() => received.splice(0));

  const sut = (over: Partial<ConstructorParameters<typeof WebhookSender>[0]> = {}): WebhookSender =>
    new WebhookSender({ allowedTargets: ['127.0.0.1/32'], ...over });

  it('POSTs the JSON body with the request’s headers, cookies and Basic auth', async () => {
    const webhook: WebhookConfig = { auth: ['user', secrets.password], cookies: { sid: secrets.cookie }, headers: { 'X-Tenant': 't1' }, url: `${base}/ok` };
    await expect(sut().send(webhook, payload)).resolves.toMatchObject({ status: 204 });
    const [req] = received;
    expect(req?.method).toBe('POST');
    expect(JSON.parse(req?.body.toString('utf8') ?? '')).toEqual(payload);
    expect(req?.headers).toMatchObject({
      authorization: `Basic ${Buffer.from(`user:${secrets.password}`).toString('base64')}`,
      'content-type': 'application/json',
      cookie: `sid=${secrets.cookie}`,
      'x-tenant': 't1',
    });
    expect(req?.headers[SIGNATURE_HEADER]).toBeUndefined();
  });

  it('sends the JSON body with GET too, as the original does', async () => {
    await sut().send({ method: 'GET', url: `${base}/ok` }, payload);
    expect(received[0]?.method).toBe('GET');
    expect(JSON.parse(received[0]?.body.toString('utf8') ?? '')).toEqual(payload);
  });

  it('signs the exact body bytes with HMAC-SHA256 when a secret is configured', async () => {
    await sut({ now: () => 1_700_000_000_123, signingSecret: 'sign-key' }).send({ url: `${base}/ok` }, payload);
    const req = received[0];
    const expected = createHmac('sha256', 'sign-key').update(req?.body ?? Buffer.alloc(0)).digest('hex');
    expect(req?.headers[SIGNATURE_HEADER]).toBe(`sha256=${expected}`);
    expect(req?.headers[TIMESTAMP_HEADER]).toBe('1700000000');
  });

  it('treats a 500 as a failed, retryable delivery', async () => {
    const err = await sut().send({ url: `${base}/fail` }, payload).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(WebhookDeliveryError);
    expect(err).toMatchObject({ message: `Webhook ${base}/fail answered HTTP 500`, reason: 'http_status', retryable: true, status: 500 });
  });

  it('does not follow a redirect: a 3xx is a failure', async () => {
    await expect(sut().send({ url: `${base}/moved` }, payload)).rejects.toThrow(`Webhook ${base}/moved answered HTTP 302 (redirects are not followed)`);
    expect(received.map((r) => r.url)).toEqual(['/moved']);
  });

  it('times out a receiver that does not answer within webhook.timeout', async () => {
    const started = Date.now();
    await expect(sut().send({ timeout: 0.5, url: `${base}/slow` }, payload)).rejects.toMatchObject({
      message: `Webhook ${base}/slow did not answer within 0.5 s`,
      reason: 'timeout',
      retryable: true,
    });
    expect(Date.now() - started).toBeLessThan(2000);
  });

  it('fails on a refused port as a retryable network error', async () => {
    const closed = createServer();
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
    const port = (closed.address() as AddressInfo).port;
    await new Promise((resolve) => closed.close(resolve));
    await expect(sut().send({ url: `http://127.0.0.1:${port}/x` }, payload)).rejects.toMatchObject({
      message: `Webhook http://127.0.0.1:${port}/x: connection failed: ECONNREFUSED`,
      reason: 'network',
      retryable: true,
    });
  });

  it('refuses a target outside the allowlist without contacting it, and not retryable', async () => {
    await expect(sut({ allowedTargets: ['127.0.0.2/32'] }).send({ url: `${base}/ok` }, payload)).rejects.toMatchObject({ reason: 'refused', retryable: false });
    expect(received).toHaveLength(0);
  });

  it('never puts a secret in the error: auth, cookies, secret headers, URL userinfo and query are masked', async () => {
    const webhook: WebhookConfig = {
      auth: ['user', secrets.password],
      cookies: { sid: secrets.cookie },
      headers: { Authorization: secrets.header, 'X-Api-Key': secrets.header, 'X-Plain': 'visible' },
      url: `http://user:${secrets.password}@127.0.0.1:${new URL(base).port}/fail?token=${secrets.query}`,
    };
    const err = (await sut().send(webhook, payload).catch((e: unknown) => e)) as WebhookDeliveryError;
    const everything = `${err.message} ${err.stack ?? ''} ${JSON.stringify(err)} ${JSON.stringify(err.webhook)}`;
    for (const secret of Object.values(secrets)) expect(everything).not.toContain(secret);
    expect(err.webhook).toMatchObject({ auth: ['******', '******'], cookies: { sid: '******' }, headers: { Authorization: '******', 'X-Api-Key': '******', 'X-Plain': 'visible' } });
    expect(err.webhook.url).toBe(`${base}/fail`);
  });
});
