import { NamedRegistry } from '@netpulse/contracts';
import type { CredentialProvider } from '../core/credential-provider';

/** The credential providers this process knows, by name and alias: built-ins and plugins alike. */
export class CredentialProviderRegistry extends NamedRegistry<CredentialProvider> {
  constructor() {
    super('credential provider');
  }
}
