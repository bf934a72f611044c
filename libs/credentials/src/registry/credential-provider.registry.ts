import type { CredentialProvider } from '../core/credential-provider';

/** The credential providers this process knows, by name and alias: built-ins and plugins alike. */
export class CredentialProviderRegistry {
  private readonly byName = new Map<string, CredentialProvider>();

  register(provider: CredentialProvider): void {
    for (const name of [provider.name, ...(provider.aliases ?? [])]) {
      if (this.byName.has(name)) throw new Error(`credential provider ${name} is registered twice`);
      this.byName.set(name, provider);
    }
  }

  get(name: string): CredentialProvider | undefined {
    return this.byName.get(name);
  }

  names(): string[] {
    return [...this.byName.keys()].sort();
  }
}
