import { Global, Module } from '@nestjs/common';
import { AppConfig } from '@netpulse/config';
import { CredentialProviderRegistry } from './registry/credential-provider.registry';
import { BUILTIN_CREDENTIAL_PROVIDERS } from './registry/builtin-credential-providers';
import { CredentialResolver } from './resolver/credential.resolver';

/** Credential references for every app: the provider registry (built-ins, plugins add theirs) and the resolver. */
@Global()
@Module({
  providers: [
    {
      provide: CredentialProviderRegistry,
      inject: [AppConfig],
      useFactory: (c: AppConfig): CredentialProviderRegistry => {
        const r = new CredentialProviderRegistry();
        for (const make of BUILTIN_CREDENTIAL_PROVIDERS) r.register(make(c.value.credential));
        return r;
      },
    },
    {
      provide: CredentialResolver,
      inject: [AppConfig, CredentialProviderRegistry],
      useFactory: (c: AppConfig, r: CredentialProviderRegistry): CredentialResolver => new CredentialResolver(c.value.credential, r),
    },
  ],
  exports: [CredentialProviderRegistry, CredentialResolver],
})
export class CredentialsModule {}
