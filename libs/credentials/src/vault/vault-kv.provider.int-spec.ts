import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { VaultApiServer } from '@netpulse/testing';
import { CredentialError } from '../core/credential.error';
import type { CredentialRef } from '../core/credential-ref';
import { VaultKvProvider, VaultKvSettings } from './vault-kv.provider';

const POLICY = ['kv/data/netpulse/*'];

function settings(vault: VaultApiServer, over: Partial<VaultKvSettings> = {}): VaultKvSettings {
  return {
    addr: vault.url, namespace: null, allowed_paths: [], cache_ttl: 0, verify: true, timeout: 2,
    auth_method: null, token: 'root-token', role_id: null, secret_id: null, approle_mount: 'approle',
    kubernetes_role: null, kubernetes_mount: 'kubernetes', kubernetes_token_path: '/nonexistent', ...over,
  };
}

function ref(path: string, over: Partial<CredentialRef> = {}): CredentialRef {
  return { name: null, ref: path, mount: 'kv', version: null, namespace: null, field_mapping: { username: 'username', password: 'password' }, ...over };
}

async function failure(p: Promise<unknown>): Promise<CredentialError> {
  const err = await p.then(() => null, (e: unknown) => e);
  if (!(err instanceof CredentialError)) throw new Error(`expected a CredentialError, got ${String(err)}`);
  return err;
}

describe('VaultKvProvider against a Vault API server', () => {
  const vault = new VaultApiServer();

  beforeAll(async () => {
    await vault.start();
    vault.addToken('root-token', POLICY);
    vault.put('kv', 'netpulse/core-sw', { username: 'netops', password: 'v1-pass' });
    vault.put('kv', 'netpulse/core-sw', { username: 'netops', password: 'v2-pass', pkey: '-----BEGIN KEY-----' });
    vault.put('kv', 'other/db', { username: 'db', password: 'x' });
  });
  afterAll(() => vault.stop());

  it('merges the newest version into connection_args with the default field mapping, pkey included', async () => {
    const sut = new VaultKvProvider(settings(vault));
    const args = await sut.resolve(ref('netpulse/core-sw'), { host: '127.0.0.1', port: 22 });
    expect(args).toEqual({ host: '127.0.0.1', port: 22, username: 'netops', password: 'v2-pass', pkey: '-----BEGIN KEY-----' });
  });

  it('reads a given version and applies a custom field mapping', async () => {
    const sut = new VaultKvProvider(settings(vault));
    const args = await sut.resolve(ref('netpulse/core-sw', { version: 1, field_mapping: { password: 'password', secret: 'password' } }), { username: 'me' });
    expect(args).toEqual({ username: 'me', password: 'v1-pass', secret: 'v1-pass' });
  });

  it('answers not found, deleted and denied with clear messages that carry no token', async () => {
    const sut = new VaultKvProvider(settings(vault));
    expect((await failure(sut.resolve(ref('netpulse/missing'), {}))).message).toBe('Credential not found: kv/netpulse/missing');
    expect((await failure(sut.resolve(ref('netpulse/core-sw', { version: 9 }), {}))).message).toBe('Credential not found: kv/netpulse/core-sw (version 9)');
    vault.put('kv', 'netpulse/gone', { password: 'p' });
    vault.deleteVersion('kv', 'netpulse/gone', 1);
    expect((await failure(sut.resolve(ref('netpulse/gone'), {}))).message).toMatch(/^Credential not found: kv\/netpulse\/gone/);
    const denied = await failure(sut.resolve(ref('other/db'), {}));
    expect(denied.message).toBe('Vault denied access to kv/other/db');
    expect(denied.kind).toBe('resolve');
    expect(JSON.stringify(denied)).not.toContain('root-token');
  });

  it('refuses a reference outside allowed_paths at check time (a comma string works as a list)', () => {
    const sut = new VaultKvProvider(settings(vault, { allowed_paths: 'netpulse/, lab/' }));
    expect(sut.check(ref('netpulse/core-sw'))).toBeNull();
    expect(sut.check(ref('other/db'))).toBe('Credential path other/db is not allowed');
  });

  it('caches reads in process for cache_ttl seconds', async () => {
    const sut = new VaultKvProvider(settings(vault, { cache_ttl: 60 }));
    const before = vault.count('GET /v1/kv/data/netpulse/core-sw');
    await sut.resolve(ref('netpulse/core-sw'), {});
    await sut.resolve(ref('netpulse/core-sw'), {});
    expect(vault.count('GET /v1/kv/data/netpulse/core-sw') - before).toBe(1);
  });

  it('logs in with AppRole, and again once Vault rejects an expired token', async () => {
    vault.addAppRole('role-1', 'secret-1', POLICY, { ttlSeconds: 3600 });
    const sut = new VaultKvProvider(settings(vault, { token: null, role_id: 'role-1', secret_id: 'secret-1' }));
    expect((await sut.resolve(ref('netpulse/core-sw'), {})).password).toBe('v2-pass');
    const logins = vault.count('POST /v1/auth/approle/login');
    expect(logins).toBe(1);
    // Revoke every token the login issued: the next read gets 403, logs in again and succeeds.
    vault.revokeLoginTokens();
    expect((await sut.resolve(ref('netpulse/core-sw'), {})).password).toBe('v2-pass');
    expect(vault.count('POST /v1/auth/approle/login')).toBe(2);
    const bad = new VaultKvProvider(settings(vault, { token: null, role_id: 'role-1', secret_id: 'wrong' }));
    const err = await failure(bad.resolve(ref('netpulse/core-sw'), {}));
    expect(err.message).toBe('Vault AppRole login failed: invalid role or secret ID');
    expect(err.message).not.toContain('wrong');
  });

  it('logs in with Kubernetes auth using the service-account token file', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'np-k8s-'));
    writeFileSync(join(dir, 'token'), 'jwt-abc\n');
    vault.addKubernetesRole('netpulse', 'jwt-abc', POLICY);
    const sut = new VaultKvProvider(settings(vault, { token: null, kubernetes_role: 'netpulse', kubernetes_token_path: join(dir, 'token') }));
    expect((await sut.resolve(ref('netpulse/core-sw'), {})).username).toBe('netops');
  });

  it('reads inside a namespace (from the reference, else from config)', async () => {
    vault.addToken('team-a-token', POLICY, { namespace: 'team-a' });
    vault.put('kv', 'netpulse/edge', { username: 'a', password: 'ns-pass' }, 'team-a');
    const sut = new VaultKvProvider(settings(vault, { token: 'team-a-token' }));
    expect((await sut.resolve(ref('netpulse/edge', { namespace: 'team-a' }), {})).password).toBe('ns-pass');
    const fromConfig = new VaultKvProvider(settings(vault, { token: 'team-a-token', namespace: 'team-a' }));
    expect((await fromConfig.resolve(ref('netpulse/edge'), {})).password).toBe('ns-pass');
    // The root namespace has no such secret, and this token is not valid there.
    expect((await failure(sut.resolve(ref('netpulse/edge'), {}))).message).toBe('Vault denied access to kv/netpulse/edge');
  });

  it('says Vault is sealed or unreachable', async () => {
    vault.seal();
    try {
      const sut = new VaultKvProvider(settings(vault));
      expect((await failure(sut.resolve(ref('netpulse/core-sw'), {}))).message).toBe('Vault could not read kv/netpulse/core-sw: Vault is sealed');
    } finally {
      vault.seal(false);
    }
    const down = new VaultKvProvider(settings(vault, { addr: 'http://127.0.0.1:1' }));
    expect((await failure(down.resolve(ref('netpulse/core-sw'), {}))).message).toBe('Vault at http://127.0.0.1:1 is unreachable: ECONNREFUSED');
  });
});
