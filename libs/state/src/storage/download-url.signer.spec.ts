import { DownloadUrlSigner, publicBaseUrl } from './download-url.signer';

describe('DownloadUrlSigner', () => {
  const sut = new DownloadUrlSigner(Buffer.alloc(32, 7), 'http://127.0.0.1:9000', 60);
  const now = 1_700_000_000_000;
  const parse = (url: string) => new URL(url);

  it('signs a URL that verifies until it expires', () => {
    const u = parse(sut.urlFor('dl_job/a b.txt', now));
    expect(u.pathname).toBe('/storage/fetch/dl_job/a%20b.txt');
    const expires = u.searchParams.get('expires') ?? '';
    expect(Number(expires)).toBe(now / 1000 + 60);
    const sig = u.searchParams.get('sig');
    expect(sut.verify('dl_job/a b.txt', expires, sig, now)).toBe('ok');
    expect(sut.verify('dl_job/a b.txt', expires, sig, now + 61_000)).toBe('expired');
  });

  it('refuses a changed file, expiry or signature, and malformed values', () => {
    const u = parse(sut.urlFor('dl_job/f', now));
    const expires = u.searchParams.get('expires') ?? '';
    const sig = u.searchParams.get('sig') ?? '';
    expect(sut.verify('dl_job/g', expires, sig, now)).toBe('invalid');
    expect(sut.verify('dl_job/f', String(Number(expires) + 1), sig, now)).toBe('invalid');
    expect(sut.verify('dl_job/f', expires, sig.replace(/^./, sig[0] === 'a' ? 'b' : 'a'), now)).toBe('invalid');
    expect(sut.verify('dl_job/f', undefined, sig, now)).toBe('invalid');
    expect(sut.verify('dl_job/f', expires, ['x'], now)).toBe('invalid');
    expect(sut.verify('dl_job/f', '-1', sig, now)).toBe('invalid');
  });

  it('rejects a non-positive ttl by name', () => {
    expect(() => new DownloadUrlSigner(Buffer.alloc(32), 'http://x', 0)).toThrow('ttlS must be a number greater than 0');
  });

  it('builds the base URL from external_url or the listen address', () => {
    const server = { host: '127.0.0.1', port: 9000, api_key: null, api_key_name: 'X-API-KEY', external_url: null, body_limit: 1024 };
    expect(publicBaseUrl(server)).toBe('http://127.0.0.1:9000');
    expect(publicBaseUrl({ ...server, external_url: 'https://np.example/' })).toBe('https://np.example');
    expect(publicBaseUrl({ ...server, host: '::1' })).toBe('http://[::1]:9000');
  });
});
