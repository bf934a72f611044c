import { MASK } from './secret-mask';
import { maskSecretValues, secretValuesOf } from './secret-values';

describe('masking secrets by value', () => {
  const request = {
    connection_args: { host: '127.14.2.1', username: 'admin', password: 'Pa55word', secret: 90909090, pkey: 'KEYBODY-xyz' },
    driver_args: { sudo_password: ['Sud0pass'] },
    webhook: { url: 'http://h/x', auth: ['hookuser', 'H00kpass'], headers: { 'X-Auth-Token': 'T0ken-abc' }, cookies: { session: 'C00kie-1' } },
    command: ['echo Pa55word'],
  };

  it('collects every secret value of a request, of any type, and never a user name', () => {
    const found = secretValuesOf(request);
    expect(found.sort()).toEqual(['90909090', 'C00kie-1', 'H00kpass', 'KEYBODY-xyz', 'Pa55word', 'Sud0pass', 'T0ken-abc'].sort());
    expect(found).not.toContain('admin');
    expect(found).not.toContain('hookuser');
  });

  it('replaces them inside every string of a result, escaped forms included', () => {
    const secrets = secretValuesOf(request);
    const result = { retval: [{ stdout: 'token T0ken-abc and 90909090\n', stderr: JSON.stringify({ p: 'Pa55word' }) }], error: { message: 'bad Sud0pass' } };
    expect(maskSecretValues(result, secrets)).toEqual({ retval: [{ stdout: `token ${MASK} and ${MASK}\n`, stderr: JSON.stringify({ p: MASK }) }], error: { message: `bad ${MASK}` } });
  });

  it('copies only what changed: a result without a secret comes back as it is, the input is never modified', () => {
    const secrets = secretValuesOf(request);
    const clean = { retval: [{ stdout: { interfaces: { Ethernet1: { description: 'uplink' } } }, stderr: '' }], error: null };
    expect(maskSecretValues(clean, secrets)).toBe(clean);
    const inner = { b: 'x' };
    const other = { stdout: 'ok' };
    const dirty = { retval: [{ stdout: { a: inner, c: ['Pa55word', 'y'] }, stderr: '' }, other], error: null };
    const masked = maskSecretValues(dirty, secrets);
    expect(masked).toEqual({ retval: [{ stdout: { a: { b: 'x' }, c: [MASK, 'y'] }, stderr: '' }, { stdout: 'ok' }], error: null });
    expect(dirty.retval[0]).toEqual({ stdout: { a: { b: 'x' }, c: ['Pa55word', 'y'] }, stderr: '' });
    expect((masked.retval[0] as { stdout: { a: unknown } }).stdout.a).toBe(inner);
    expect(masked.retval[1]).toBe(other);
    expect(Object.keys(maskSecretValues({ first: 1, 'k-Pa55word': 2, last: 3 }, secrets))).toEqual(['first', `k-${MASK}`, 'last']);
  });

  it('ignores values too short to mask safely', () => {
    expect(secretValuesOf({ password: 'abc' })).toEqual([]);
  });
});
