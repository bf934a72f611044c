import type { AppConfigValue } from '@netpulse/config';
import type { CredentialProvider } from '../core/credential-provider';
import { FileSecretProvider } from '../file/file-secret.provider';
import { VaultKvProvider } from '../vault/vault-kv.provider';

/** The built-in providers, each built from the `credential` config section. */
export const BUILTIN_CREDENTIAL_PROVIDERS: ReadonlyArray<(config: AppConfigValue['credential']) => CredentialProvider> = [
  (c) => new FileSecretProvider(c),
  (c) => new VaultKvProvider(c),
];
