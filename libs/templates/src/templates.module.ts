import { Global, Module } from '@nestjs/common';
import { AppConfig, AppConfigValue } from '@netpulse/config';
import { PooledEngineRunner } from './isolation/pooled-engine.runner';
import { templatePluginModules } from './isolation/template-plugin-modules.loader';
import { TemplateWorkerPool } from './isolation/template-worker.pool';
import { TemplateEngines } from './registry/template.engines';

/**
 * Provides the process's template engines (renderers and parsers), configured once from config. Every
 * render and parse runs in this process's pool of worker threads, never on its event loop.
 */
@Global()
@Module({
  providers: [
    {
      provide: TemplateEngines,
      inject: [AppConfig],
      useFactory: (c: AppConfig) => {
        const t = c.value.templates;
        // Plugin engines register here (their names are known, 404 otherwise) and in every pool thread (where they run).
        const plugins = templatePluginModules(c.value.plugin.packages);
        const pool = new TemplateWorkerPool({
          engineModules: plugins.map((p) => p.path),
          maxMemoryMb: t.max_memory_mb,
          maxOutputBytes: t.max_output_bytes,
          ntcDir: t.ntc_dir,
          size: t.pool_size,
          threadNice: t.thread_nice,
          timeoutMs: t.timeout * 1000,
        });
        const engines = TemplateEngines.withBuiltins(
          {
            allowedTargets: [...t.allowed_targets],
            deniedPorts: ownPorts(c.value),
            fileRoot: t.file_root ?? undefined,
            maxBytes: t.max_bytes,
            ntcDir: t.ntc_dir ?? undefined,
            remote: t.remote,
            renderTimeLimitMs: t.timeout * 1000,
          },
          new PooledEngineRunner(pool),
        );
        for (const p of plugins) {
          for (const renderer of p.renderers) engines.renderers.register(renderer);
          for (const parser of p.parsers) engines.parsers.register(parser);
        }
        return engines;
      },
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
