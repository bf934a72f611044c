import { withNapalmHostAlias } from './napalm-hostname.alias';

describe('withNapalmHostAlias', () => {
  it('fills host from hostname for napalm only when host is absent', () => {
    expect(withNapalmHostAlias('napalm', { hostname: '127.0.11.1' })).toEqual({ hostname: '127.0.11.1', host: '127.0.11.1' });
    expect(withNapalmHostAlias('napalm', { hostname: '127.0.11.1', host: null })).toEqual({ hostname: '127.0.11.1', host: '127.0.11.1' });
  });

  it('leaves every other case as given (same object)', () => {
    const cases: [unknown, Record<string, unknown>][] = [
      ['napalm', { host: '127.0.11.2', hostname: '127.0.11.1' }],
      ['napalm', { hostname: 7 }],
      ['netmiko', { hostname: '127.0.11.1' }],
    ];
    for (const [driver, args] of cases) expect(withNapalmHostAlias(driver, args)).toBe(args);
  });
});
