import { AddressInfo } from 'node:net';
import { Server, createServer } from 'node:http';
import { CidrList, GuardedHttpClient } from '@netpulse/net-policy';
import { TemplateSourceResolver } from './template-source.resolver';

describe('TemplateSourceResolver over HTTP (local server on 127.0.0.1)', () => {
  let server: Server;
  let base: string;
  let port: number;
  const seen: string[] = [];

  beforeAll(async () => {
    server = createServer((req, res) => {
      seen.push(`${req.method} ${req.url}`);
      switch (req.url ?? '') {
        case '/vlan.j2':
          res.end('vlan {{ id }}\n');
          return;
        case '/big.j2':
          res.end('x'.repeat(4096));
          return;
        case '/missing.j2':
          res.statusCode = 404;
          res.end('no');
          return;
        case '/hop':
          res.writeHead(302, { location: '/vlan.j2' }).end();
          return;
        case '/hop-out':
          res.writeHead(302, { location: `http://127.0.0.2:${port}/vlan.j2` }).end();
          return;
        case '/loop':
          res.writeHead(302, { location: '/loop' }).end();
          return;
        default:
          // /slow: answers long after any test's timeout
          setTimeout(() => res.end('late'), 3000).unref();
      }
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    port = (server.address() as AddressInfo).port;
    base = `http://127.0.0.1:${port}`;
  });

  afterAll(async () => {
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
  });

  const sut = (allowedTargets: string[] = ['127.0.0.1/32'], timeoutMs = 2000, deniedPorts: number[] = []): TemplateSourceResolver =>
    new TemplateSourceResolver({ allowedTargets, maxBytes: 1024, timeoutMs, deniedPorts });

  it('fetches a template from an allowed host, by address or by name', async () => {
    await expect(sut().resolve(`${base}/vlan.j2`)).resolves.toBe('vlan {{ id }}\n');
    await expect(sut(['127.0.0.0/8', '::1/128']).resolve(`http://localhost:${port}/vlan.j2`)).resolves.toBe('vlan {{ id }}\n');
  });

  it('connects to exactly the addresses it checked, never resolving the name again', async () => {
    const lookup = jest.fn(async () => [{ address: '127.0.0.1', family: 4 }]);
    const http = new GuardedHttpClient(CidrList.parse(['127.0.0.1/32']), lookup);
    const resolver = new TemplateSourceResolver({ allowedTargets: ['127.0.0.1/32'], http });
    // `checked.invalid` exists in no DNS: only the pinned lookup can take the socket to 127.0.0.1.
    await expect(resolver.resolve(`http://checked.invalid:${port}/vlan.j2`)).resolves.toBe('vlan {{ id }}\n');
    expect(lookup).toHaveBeenCalledTimes(1);
  });

  it('refuses a host outside the allowlist without contacting it', async () => {
    const before = seen.length;
    await expect(sut(['127.0.0.2/32']).resolve(`${base}/vlan.j2`)).rejects.toMatchObject({
      message: `Template URL ${base}/vlan.j2 refused: Target 127.0.0.1 (resolves to 127.0.0.1) is outside templates.allowed_targets [127.0.0.2/32]`,
      reason: 'refused',
    });
    expect(seen.length).toBe(before);
  });

  it('follows a redirect, re-checking the allowlist at each hop', async () => {
    await expect(sut().resolve(`${base}/hop`)).resolves.toBe('vlan {{ id }}\n');
    await expect(sut().resolve(`${base}/hop-out`)).rejects.toMatchObject({ reason: 'refused' });
    await expect(sut().resolve(`${base}/loop`)).rejects.toThrow('more than 5 redirects');
  });

  it('times out a server that does not answer', async () => {
    const started = Date.now();
    await expect(sut(['127.0.0.1/32'], 300).resolve(`${base}/slow`)).rejects.toMatchObject({
      message: `Template ${base}/slow could not be fetched`,
    });
    expect(Date.now() - started).toBeLessThan(2000);
  });

  it('fails on a non-2xx answer and on an answer over the size cap', async () => {
    await expect(sut().resolve(`${base}/missing.j2`)).rejects.toThrow(`Template ${base}/missing.j2 could not be fetched`);
    await expect(sut().resolve(`${base}/big.j2`)).rejects.toMatchObject({ message: `Template ${base}/big.j2 is larger than 1024 bytes`, reason: 'too_large' });
  });

  it('answers a closed port, a non-template answer and a silent server alike (no port-state oracle)', async () => {
    const closed = createServer();
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
    const closedPort = (closed.address() as AddressInfo).port;
    await new Promise((resolve) => closed.close(resolve));
    const messages = await Promise.all(
      [`http://127.0.0.1:${closedPort}/t.j2`, `${base}/missing.j2`].map((u) => sut(['127.0.0.1/32'], 300).resolve(u).catch((e: Error) => e.message.replace(/http:\/\/\S+/, 'URL'))),
    );
    expect(messages).toEqual(['Template URL could not be fetched', 'Template URL could not be fetched']);
  });

  it("never fetches from the system's own ports, whatever the host", async () => {
    const before = seen.length;
    await expect(sut(['127.0.0.1/32'], 2000, [port]).resolve(`${base}/vlan.j2`)).rejects.toMatchObject({
      reason: 'refused',
      message: `Template URL ${base}/vlan.j2 refused: Target 127.0.0.1 port ${port} is one of this system's own ports and is never contacted`,
    });
    expect(seen.length).toBe(before);
  });

  it('fetches nothing when remote templates are off', async () => {
    const before = seen.length;
    const off = new TemplateSourceResolver({ remote: false, allowedTargets: ['127.0.0.1/32'] });
    await expect(off.resolve(`${base}/vlan.j2`)).rejects.toMatchObject({ reason: 'disabled', status: 400 });
    await expect(off.resolve('inline {{ x }}')).resolves.toBe('inline {{ x }}');
    expect(seen.length).toBe(before);
  });
});
