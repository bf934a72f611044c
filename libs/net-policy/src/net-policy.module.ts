import { Global, Module } from '@nestjs/common';
import { AppConfig } from '@netpulse/config';
import { AllowedTargetsPolicy } from './allowed-targets.policy';

/** Provides the process's outbound allowlist (`security.allowed_targets`), configured once from config. */
@Global()
@Module({
  providers: [{ provide: AllowedTargetsPolicy, inject: [AppConfig], useFactory: (c: AppConfig) => new AllowedTargetsPolicy(c.value.security.allowed_targets) }],
  exports: [AllowedTargetsPolicy],
})
export class NetPolicyModule {}
