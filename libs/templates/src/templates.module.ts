import { Global, Module } from '@nestjs/common';
import { AppConfig, AppConfigValue } from '@netpulse/config';
import { TemplateEngines } from './registry/template.engines';

/** Provides the process's template engines (renderers and parsers), configured once from config. */
@Global()
@Module({
  providers: [
    {
      provide: TemplateEngines,
      inject: [AppConfig],
      useFactory: (c: AppConfig) =>
        TemplateEngines.withBuiltins({
          remote: c.value.templates.remote,
          allowedTargets: [...c.value.templates.allowed_targets],
          deniedPorts: ownPorts(c.value),
          fileRoot: c.value.templates.file_root ?? undefined,
          ntcDir: c.value.templates.ntc_dir ?? undefined,
        }),
    },
  ],
  exports: [TemplateEngines],
})
export class TemplatesModule {}

/** The system's own listening ports (API, worker metrics, Redis, Sentinel): never a template source. */
export function ownPorts(c: AppConfigValue): number[] {
  const ports = [c.server.port, c.redis.port];
  if (c.metrics.port !== null) ports.push(c.metrics.port);
  if (c.redis.sentinel.enabled) ports.push(c.redis.sentinel.port);
  return ports;
}
