import pino from 'pino';
import { REDACT_KEYS, redactPaths } from './redact.paths';

describe('redactPaths', () => {
  function log(obj: Record<string, unknown>): Record<string, unknown> {
    let out = '';
    const sut = pino({ redact: { paths: redactPaths(), censor: '******' } }, { write: (l: string) => (out = l) });
    sut.info(obj, 'x');
    return JSON.parse(out) as Record<string, unknown>;
  }

  it('covers the keys the brief and the contract name', () => {
    for (const k of ['password', 'secret', 'pkey', 'passphrase', 'proxy_password', 'token', 'api_key', 'sudo_password', 'authorization', 'cookie', 'x-api-key', 'private_key', 'signing_secret']) {
      expect(REDACT_KEYS).toContain(k);
    }
  });

  it('builds paths pino accepts, bracketed where a key is not an identifier', () => {
    const paths = redactPaths();
    expect(paths).toContain('password');
    expect(paths).toContain('["x-api-key"]');
    expect(paths).toContain('req.headers["x-api-key"]');
    expect(paths).toContain('connection_args.sudo_password');
    expect(() => pino({ redact: redactPaths() })).not.toThrow();
  });

  it('masks at the top level and inside the known containers when pino is used directly', () => {
    const out = log({
      password: 'a1',
      'x-api-key': 'a2',
      connection_args: { host: '127.0.0.1', proxy_password: 'a3' },
      req: { headers: { authorization: 'a4', 'X-API-KEY': 'a5', cookie: 'a6', accept: 'json' } },
      webhook: { headers: { Authorization: 'a7' } },
    });
    expect(JSON.stringify(out)).not.toMatch(/"a\d"/);
    expect(out).toMatchObject({ connection_args: { host: '127.0.0.1' }, req: { headers: { accept: 'json' } } });
  });
});
