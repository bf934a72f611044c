import { createHash } from 'node:crypto';
import { HostKeyVerifier, hostKeyFingerprint, hostKeyType } from './host-key.verifier';
import { MemoryHostKeyStore } from './memory-host-key.store';

/** A wire-format public key blob: string type, then key bytes. */
function blob(type: string, body: string): Buffer {
  const t = Buffer.from(type);
  const len = Buffer.alloc(4);
  len.writeUInt32BE(t.length);
  return Buffer.concat([len, t, Buffer.from(body)]);
}

describe('HostKeyVerifier', () => {
  const key = blob('ssh-ed25519', 'key-one');
  const other = blob('ssh-ed25519', 'key-two');

  it('fingerprints like OpenSSH: SHA256 in base64 without padding', () => {
    const expected = createHash('sha256').update(key).digest('base64').replace(/=+$/, '');
    expect(hostKeyFingerprint(key)).toBe(`SHA256:${expected}`);
    expect(hostKeyType(key)).toBe('ssh-ed25519');
    expect(hostKeyType(Buffer.from([0, 0]))).toBe('unknown');
  });

  it('auto_add remembers on first use, then accepts the same key and refuses another', async () => {
    const store = new MemoryHostKeyStore();
    const sut = new HostKeyVerifier({ policy: 'auto_add', store });
    expect(await sut.check('10.0.0.1', 22, key)).toBeNull();
    expect(await store.get('10.0.0.1:22')).toBe(hostKeyFingerprint(key));
    expect(await sut.check('10.0.0.1', 22, key)).toBeNull();
    const refusal = await sut.check('10.0.0.1', 22, other);
    expect(refusal).toContain('Host key verification failed for 10.0.0.1:22: the host key has changed');
    expect(refusal).toContain(`remembered ${hostKeyFingerprint(key)}, server sent ssh-ed25519 ${hostKeyFingerprint(other)}`);
    // Another port is another host.
    expect(await sut.check('10.0.0.1', 2222, other)).toBeNull();
  });

  it('reject refuses unknown hosts; warning accepts them without remembering', async () => {
    const store = new MemoryHostKeyStore();
    expect(await new HostKeyVerifier({ policy: 'reject', store }).check('h', 22, key)).toMatch(/unknown host key .* host_key_policy is 'reject'/);
    const warnings: string[] = [];
    expect(await new HostKeyVerifier({ policy: 'warning', store, onWarning: (m) => warnings.push(m) }).check('h', 22, key)).toBeNull();
    expect(warnings).toHaveLength(1);
    expect(await store.get('h:22')).toBeNull();
  });

  it('accepts any key without a store except under reject', async () => {
    expect(await new HostKeyVerifier({ policy: 'auto_add' }).check('h', 22, key)).toBeNull();
    expect(await new HostKeyVerifier({ policy: 'reject' }).check('h', 22, key)).not.toBeNull();
  });
});
