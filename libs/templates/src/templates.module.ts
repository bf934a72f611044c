import { Global, Module } from '@nestjs/common';
import { AppConfig } from '@netpulse/config';
import { TemplateEngines } from './registry/template.engines';
import { AllowedTargetsPolicy } from './sources/allowed-targets.policy';

/** Provides the process's template engines (renderers and parsers), configured once from config. */
@Global()
@Module({
  providers: [
    {
      provide: TemplateEngines,
      inject: [AppConfig],
      useFactory: (c: AppConfig) =>
        TemplateEngines.withBuiltins({
          allowedTargets: [...c.value.security.allowed_targets],
          fileRoot: c.value.templates.file_root ?? undefined,
          ntcDir: c.value.templates.ntc_dir ?? undefined,
        }),
    },
    { provide: AllowedTargetsPolicy, inject: [AppConfig], useFactory: (c: AppConfig) => new AllowedTargetsPolicy(c.value.security.allowed_targets) },
  ],
  exports: [AllowedTargetsPolicy, TemplateEngines],
})
export class TemplatesModule {}
