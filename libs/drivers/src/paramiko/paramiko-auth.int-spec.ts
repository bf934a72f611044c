import { readTestEnv } from '@netpulse/testing';
import { execFileSync } from 'node:child_process';
import { chownSync, mkdtempSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { DriverRequest, ExecContext } from '../core/device-driver';
import { MemoryHostKeyStore } from '../transport/memory-host-key.store';
import { ParamikoDriver } from './paramiko.driver';

describe('ParamikoDriver host keys and private keys (real sshd)', () => {
  const env = readTestEnv();
  const sut = new ParamikoDriver();
  const base = { host: env.sshHost, port: env.sshPort, username: env.sshUser };
  const hostPort = `${env.sshHost}:${env.sshPort}`;
  const ctx = (): ExecContext => ({ jobId: 'j', signal: new AbortController().signal, maxOutputBytes: 1 << 20 });
  const req: DriverRequest = { connection_args: base, driver_args: null, extras: {} };
  // What OpenSSH itself prints for the test sshd's host key.
  const serverFingerprint = execFileSync('ssh-keygen', ['-lf', join(env.stateDir, 'ssh_host_ed25519_key.pub')]).toString().split(' ')[1];

  const whoami = async (args: Record<string, unknown>, options = {}): Promise<string> => {
    const s = await sut.connect(args, undefined, options);
    try {
      return String((await s.send(['whoami'], req, ctx()))[0].stdout);
    } finally {
      await s.close();
    }
  };

  describe('host_key_policy', () => {
    const withPassword = { ...base, password: env.sshPassword };

    it('auto_add remembers the key on first use, as OpenSSH prints it, and accepts it again', async () => {
      const store = new MemoryHostKeyStore();
      expect(await whoami({ ...withPassword, host_key_policy: 'auto_add' }, { hostKeys: store })).toBe(`${env.sshUser}\n`);
      expect(serverFingerprint).toMatch(/^SHA256:[A-Za-z0-9+/]{43}$/);
      expect(await store.get(hostPort)).toBe(serverFingerprint);
      expect(await whoami(withPassword, { hostKeys: store })).toBe(`${env.sshUser}\n`);
    });

    it('refuses a changed key under every policy, naming the host and both fingerprints', async () => {
      const remembered = 'SHA256:AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA';
      for (const policy of ['auto_add', 'warning', 'reject']) {
        const store = new MemoryHostKeyStore();
        await store.put(hostPort, remembered);
        const err = await sut.connect({ ...withPassword, host_key_policy: policy }, undefined, { hostKeys: store }).catch((e: Error) => e);
        expect(err).toBeInstanceOf(Error);
        expect((err as Error).message).toContain(`Host key verification failed for ${hostPort}: the host key has changed`);
        expect((err as Error).message).toContain(remembered);
        expect((err as Error).message).toContain(serverFingerprint);
        expect((err as Error).message).not.toContain(env.sshPassword);
        expect(await store.get(hostPort)).toBe(remembered);
      }
    });

    it('reject refuses an unknown host and accepts a remembered one', async () => {
      const store = new MemoryHostKeyStore();
      await expect(sut.connect({ ...withPassword, host_key_policy: 'reject' }, undefined, { hostKeys: store })).rejects.toThrow(
        `Host key verification failed for ${hostPort}: unknown host key ssh-ed25519 ${serverFingerprint} and host_key_policy is 'reject'`,
      );
      await expect(sut.connect({ ...withPassword, host_key_policy: 'reject' })).rejects.toThrow("host_key_policy is 'reject'");
      await store.put(hostPort, serverFingerprint);
      expect(await whoami({ ...withPassword, host_key_policy: 'reject' }, { hostKeys: store })).toBe(`${env.sshUser}\n`);
    });

    it('warning accepts an unknown key, reports it and does not remember it', async () => {
      const store = new MemoryHostKeyStore();
      const warnings: string[] = [];
      expect(await whoami({ ...withPassword, host_key_policy: 'warning' }, { hostKeys: store, onHostKeyWarning: (m: string) => warnings.push(m) })).toBe(`${env.sshUser}\n`);
      expect(warnings).toEqual([`Unknown host key for ${hostPort}: ssh-ed25519 ${serverFingerprint} (accepted by host_key_policy 'warning', not remembered)`]);
      expect(await store.get(hostPort)).toBeNull();
    });

    it('fails closed when the store fails', async () => {
      const broken = { get: () => Promise.reject(new Error('redis down')), put: () => Promise.resolve() };
      await expect(sut.connect(withPassword, undefined, { hostKeys: broken })).rejects.toThrow('host key store failed (redis down)');
    });
  });

  describe('pkey', () => {
    const authorizedKeys = `/home/${env.sshUser}/.ssh/authorized_keys`;
    const passphrase = 'correct horse';
    let dir: string;
    const keys: Record<string, string> = {};
    const pubs: string[] = [];

    // Rewrites authorized_keys by rename so a concurrent reader never sees it half written.
    const writeAuthorizedKeys = (text: string): void => {
      const st = statSync(authorizedKeys);
      const tmp = `${authorizedKeys}.np-${process.pid}`;
      writeFileSync(tmp, text, { mode: 0o600 });
      chownSync(tmp, st.uid, st.gid);
      renameSync(tmp, authorizedKeys);
    };

    beforeAll(() => {
      dir = mkdtempSync(join(tmpdir(), 'np-keys-'));
      const specs: [string, string[]][] = [
        ['rsa', ['-t', 'rsa', '-b', '2048']],
        ['rsa-pem', ['-t', 'rsa', '-b', '2048', '-m', 'PEM']],
        ['rsa-pkcs8', ['-t', 'rsa', '-b', '2048', '-m', 'PKCS8']],
        ['ecdsa', ['-t', 'ecdsa']],
        ['ecdsa-pem', ['-t', 'ecdsa', '-m', 'PEM']],
        ['ed25519', ['-t', 'ed25519']],
      ];
      for (const [name, opts] of specs) {
        for (const pw of ['', passphrase]) {
          const file = join(dir, `${name}${pw ? '-pw' : ''}`);
          // -a 4: fewer KDF rounds than the default 16, same format, quicker to generate and decrypt.
          execFileSync('ssh-keygen', ['-q', ...opts, '-a', '4', '-N', pw, '-C', `np-test-${name}`, '-f', file]);
          keys[`${name}${pw ? '-pw' : ''}`] = readFileSync(file, 'utf8');
          pubs.push(readFileSync(`${file}.pub`, 'utf8').trim());
        }
      }
    });

    afterAll(() => {
      // Only our lines go: other test runs on this host may have added theirs meanwhile.
      const lines = readFileSync(authorizedKeys, 'utf8').split('\n');
      writeAuthorizedKeys(`${lines.filter((l) => l.trim() && !pubs.includes(l.trim())).join('\n')}\n`);
      rmSync(dir, { recursive: true, force: true });
    });

    // Other test runs on the shared host rewrite authorized_keys (the jest global setup does): make
    // sure our keys are there right before logging in, and once more if the login was refused.
    const ensureKeys = (): void => {
      const current = readFileSync(authorizedKeys, 'utf8');
      const missing = pubs.filter((p) => !current.includes(p));
      if (missing.length > 0) writeAuthorizedKeys(`${current.trimEnd()}\n${missing.join('\n')}\n`);
    };
    const keyLogin = async (args: Record<string, unknown>): Promise<string> => {
      ensureKeys();
      try {
        return await whoami(args);
      } catch (err) {
        if (!(err instanceof Error) || !err.message.startsWith('Authentication failed')) throw err;
        ensureKeys();
        return whoami(args);
      }
    };

    it.each(['rsa', 'rsa-pem', 'rsa-pkcs8', 'ecdsa', 'ecdsa-pem', 'ed25519'])('logs in with a %s key, plain and with a passphrase', async (name) => {
      expect(await keyLogin({ ...base, pkey: keys[name] })).toBe(`${env.sshUser}\n`);
      expect(await keyLogin({ ...base, pkey: keys[`${name}-pw`], passphrase })).toBe(`${env.sshUser}\n`);
    });

    it('accepts PEM text with literal \\n sequences, as JSON clients sometimes send it', async () => {
      expect(await keyLogin({ ...base, pkey: keys.ed25519.replace(/\n/g, '\\n') })).toBe(`${env.sshUser}\n`);
    });

    it('says clearly when the passphrase is missing or wrong, without quoting it', async () => {
      await expect(sut.connect({ ...base, pkey: keys['ed25519-pw'] })).rejects.toThrow('The private key cannot be used: Encrypted private OpenSSH key detected, but no passphrase given');
      const err = await sut.connect({ ...base, pkey: keys['rsa-pem-pw'], passphrase: 'not the one' }).catch((e: Error) => e);
      expect((err as Error).message).toMatch(/^The private key cannot be used: .*passphrase/);
      expect((err as Error).message).not.toContain('not the one');
      await expect(sut.connect({ ...base, pkey: keys['rsa-pkcs8-pw'], passphrase: 'nope' })).rejects.toThrow('The private key cannot be used: PKCS#8 key, bad passphrase?');
      await expect(sut.connect({ ...base, pkey: 'not a key' })).rejects.toThrow('The private key cannot be used');
    });
  });
});
