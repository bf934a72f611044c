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
});
