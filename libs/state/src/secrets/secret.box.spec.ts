import { SecretBox } from './secret.box';

describe('SecretBox', () => {
  it('round-trips and hides the plaintext', () => {
    const sut = new SecretBox('k1');
    const sealed = sut.seal('{"password":"hunter2"}');
    expect(sealed).not.toContain('hunter2');
    expect(sut.open(sealed)).toBe('{"password":"hunter2"}');
  });
  it('refuses a payload sealed with another key', () => {
    const sealed = new SecretBox('k1').seal('x');
    expect(() => new SecretBox('k2').open(sealed)).toThrow();
  });
  it('rotates: seals with the newest key, opens what older keys sealed, derives signing keys from each', () => {
    const old = new SecretBox('k-old');
    const sealedBefore = old.seal('queued before the rotation');
    const rotated = new SecretBox('k-new', ['k-old']);
    expect(rotated.open(sealedBefore)).toBe('queued before the rotation');
    const sealedAfter = rotated.seal('after');
    expect(new SecretBox('k-new').open(sealedAfter)).toBe('after');
    expect(() => old.open(sealedAfter)).toThrow('sealed with a key this process does not have');
    expect(rotated.derivePreviousKeys('storage-fetch')).toEqual([old.deriveKey('storage-fetch')]);
    expect(rotated.deriveKey('storage-fetch')).toEqual(new SecretBox('k-new').deriveKey('storage-fetch'));
  });
});
