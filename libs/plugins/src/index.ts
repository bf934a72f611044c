export { LoadedPlugins } from './loaded-plugins';
export { PluginLoadError } from './plugin-load.error';
export type { PluginProblem } from './plugin-load.error';
export { PLUGIN_KINDS } from './plugin-manifest';
export type {
  CredentialProviderPlugin,
  NamedPlugin,
  NetpulsePlugin,
  ParserPlugin,
  PluginEntry,
  PluginKind,
  PluginKinds,
  PluginRegistries,
  PluginSink,
  RendererPlugin,
  WebhookPlugin,
} from './plugin-manifest';
export { PluginManifestValidator } from './plugin-manifest.validator';
export type { ValidatedPlugin } from './plugin-manifest.validator';
export { PluginLoader } from './plugin.loader';
export type { LoadedPlugin, PluginLoadOptions } from './plugin.loader';
export { DEFAULT_PLUGIN_REGISTRY_TOKENS, PluginsModule } from './plugins.module';
export type { PluginRegistryTokens } from './plugins.module';
