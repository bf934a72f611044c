import { DynamicModule, Global, InjectionToken, Module } from '@nestjs/common';
import { AppConfig } from '@netpulse/config';
import { CredentialProviderRegistry } from '@netpulse/credentials';
import { DriverRegistry } from '@netpulse/drivers';
import { SchedulerRegistry } from '@netpulse/schedulers';
import { LoadedPlugins } from './loaded-plugins';
import type { PluginKind, PluginRegistries } from './plugin-manifest';
import { PluginLoader } from './plugin.loader';

/** The Nest token of each kind's registry in this app; kinds left out are not registered here. */
export type PluginRegistryTokens = { readonly [K in PluginKind]?: InjectionToken };

/** The registries whose libs provide them today (a kind left out is validated, not registered). */
export const DEFAULT_PLUGIN_REGISTRY_TOKENS: PluginRegistryTokens = { credentialProviders: CredentialProviderRegistry, drivers: DriverRegistry, schedulers: SchedulerRegistry };

/**
 * Loads `plugin.packages` into the app's registries while the app initialises, before any worker
 * takes a job (workers start after init). A registry an app does not provide is skipped (it is
 * injected as optional), so one setup serves every app. A bad plugin fails the app's start.
 */
@Global()
@Module({})
export class PluginsModule {
  static forRoot(tokens: PluginRegistryTokens = DEFAULT_PLUGIN_REGISTRY_TOKENS): DynamicModule {
    const kinds = (Object.keys(tokens) as PluginKind[]).filter((k) => tokens[k] !== undefined);
    return {
      module: PluginsModule,
      providers: [
        {
          provide: LoadedPlugins,
          inject: [AppConfig, ...kinds.map((k) => ({ optional: true, token: tokens[k] as InjectionToken }))],
          useFactory: (config: AppConfig, ...sinks: unknown[]): LoadedPlugins => {
            const registries = Object.fromEntries(kinds.map((k, i) => [k, sinks[i] ?? undefined])) as PluginRegistries;
            return new LoadedPlugins(PluginLoader.load(config.value.plugin.packages, registries));
          },
        },
      ],
      exports: [LoadedPlugins],
    };
  }
}
