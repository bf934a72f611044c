import { mkdirSync, mkdtempSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CredentialError } from '../core/credential.error';
import type { CredentialRef } from '../core/credential-ref';
import { FileSecretProvider } from './file-secret.provider';

function ref(path: string, over: Partial<CredentialRef> = {}): CredentialRef {
  return { name: 'file', ref: path, mount: 'kv', version: null, namespace: null, field_mapping: { username: 'username', password: 'password' }, ...over };
}

describe('FileSecretProvider', () => {
  const root = mkdtempSync(join(tmpdir(), 'np-secrets-'));
  const outside = mkdtempSync(join(tmpdir(), 'np-outside-'));
  writeFileSync(join(outside, 'password'), 'stolen');
  // Laid out as Kubernetes mounts a Secret: files are symlinks into a timestamped ..data folder.
  mkdirSync(join(root, 'core-sw', '..2026_12_04'), { recursive: true });
  writeFileSync(join(root, 'core-sw', '..2026_12_04', 'username'), 'netops\n');
  writeFileSync(join(root, 'core-sw', '..2026_12_04', 'password'), 's3cret\n');
  symlinkSync('..2026_12_04', join(root, 'core-sw', '..data'));
  symlinkSync('..data/username', join(root, 'core-sw', 'username'));
  symlinkSync('..data/password', join(root, 'core-sw', 'password'));
  mkdirSync(join(root, 'escape'));
  symlinkSync(join(outside, 'password'), join(root, 'escape', 'password'));
  const sut = new FileSecretProvider({ file_root: root });

  it('reads one file per field, Kubernetes symlinks followed, trailing newline dropped', async () => {
    await expect(sut.resolve(ref('core-sw'), { host: '127.0.0.1' })).resolves.toEqual({ host: '127.0.0.1', username: 'netops', password: 's3cret' });
  });

  it('never reads outside file_root, and says not found without telling why', async () => {
    const err = await sut.resolve(ref('escape'), {}).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(CredentialError);
    expect((err as CredentialError).message).toBe('Credential not found: escape');
    await expect(sut.resolve(ref('nope'), {})).rejects.toThrow('Credential not found: nope');
  });

  it('refuses versions and a missing file_root at check time', () => {
    expect(sut.check(ref('core-sw', { version: 2 }))).toMatch(/one version/);
    expect(new FileSecretProvider({ file_root: null }).check(ref('core-sw'))).toBe('The file credential provider needs credential.file_root');
  });
});
