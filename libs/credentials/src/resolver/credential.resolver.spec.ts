import type { CredentialProvider } from '../core/credential-provider';
import type { CredentialRef } from '../core/credential-ref';
import { CredentialProviderRegistry } from '../registry/credential-provider.registry';
import { CredentialResolver } from './credential.resolver';

class StubProvider implements CredentialProvider {
  readonly name = 'vault';
  readonly aliases = ['vault_kv'];
  seen: CredentialRef[] = [];
  check(ref: CredentialRef): string | null {
    return ref.ref.startsWith('denied/') ? `Credential path ${ref.ref} is not allowed` : null;
  }
  resolve(ref: CredentialRef, args: Readonly<Record<string, unknown>>): Promise<Record<string, unknown>> {
    this.seen.push(ref);
    if (ref.ref === 'boom') return Promise.reject(new Error('backend exploded'));
    return Promise.resolve({ ...args, password: 'p' });
  }
}

function build(enabled = true, name: string | null = 'vault'): { sut: CredentialResolver; provider: StubProvider } {
  const provider = new StubProvider();
  const registry = new CredentialProviderRegistry();
  registry.register(provider);
  return { sut: new CredentialResolver({ enabled, name }, registry), provider };
}

describe('CredentialResolver', () => {
  it("answers the original's text when credentials are disabled", () => {
    expect(() => build(false).sut.check({ ref: 'a' })).toThrow('Credential support is disabled in server configuration');
  });

  it('normalises a reference: defaults, numeric version, provider by alias', () => {
    const { sut } = build(true, 'vault_kv');
    expect(sut.check({ name: 'vault', ref: 'net/sw1', version: '3' })).toEqual({
      name: 'vault', ref: 'net/sw1', mount: 'kv', version: 3, namespace: null, field_mapping: { username: 'username', password: 'password' },
    });
  });

  it('refuses unknown providers, bad paths and bad versions with a request error', () => {
    const { sut } = build();
    const kindOf = (raw: unknown): string => {
      try {
        sut.check(raw);
        return 'ok';
      } catch (err) {
        return `${(err as { kind: string }).kind}: ${(err as Error).message}`;
      }
    };
    expect(kindOf({ name: 'aws', ref: 'x' })).toBe('request: Unsupported credential provider: aws');
    expect(kindOf({ ref: '../etc' })).toBe('request: credential.ref must be a relative path without "." or ".." segments');
    expect(kindOf({ ref: 'a', version: 0 })).toBe('request: credential.version must be a positive integer');
    expect(kindOf({ ref: 'denied/x' })).toBe('request: Credential path denied/x is not allowed');
    expect(kindOf({ ref: '' })).toBe('request: credential.ref must be a non-empty string');
  });

  it("resolves through the provider, wrapping a provider's own error as a resolve error", async () => {
    const { sut, provider } = build();
    await expect(sut.resolve({ ref: 'ok' }, { host: 'h' })).resolves.toEqual({ host: 'h', password: 'p' });
    expect(provider.seen).toHaveLength(1);
    await expect(sut.resolve({ ref: 'boom' }, {})).rejects.toMatchObject({ kind: 'resolve', message: 'Credential boom could not be resolved: backend exploded' });
  });
});
