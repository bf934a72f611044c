import type { DeviceDriver } from '@netpulse/drivers';
import type { NodeScheduler } from '@netpulse/schedulers';

/** Whatever a plugin registers has a name, unique within its kind (it is what requests and config name). */
export interface NamedPlugin {
  readonly name: string;
}

/**
 * A template renderer (`rendering.name`), shaped like the templates lib's
 * `TemplateRenderer`: the template is already resolved to text.
 */
export interface RendererPlugin extends NamedPlugin {
  render(template: string, context: Record<string, unknown>, options: Record<string, unknown>): Promise<string>;
}

/** A template parser (`parsing.name`), shaped like the templates lib's `TemplateParser`. */
export interface ParserPlugin extends NamedPlugin {
  parse(text: string, request: Record<string, unknown>): Promise<unknown>;
}

/** A webhook kind (`webhook.name`): delivers one payload, rejecting when delivery failed. */
export interface WebhookPlugin extends NamedPlugin {
  deliver(webhook: Record<string, unknown>, payload: Record<string, unknown>, signal: AbortSignal): Promise<void>;
}

/** A credential provider (`credential.name`): returns connection_args with the secrets merged in. */
export interface CredentialProviderPlugin extends NamedPlugin {
  resolve(ref: Record<string, unknown>, connectionArgs: Record<string, unknown>): Promise<Record<string, unknown>>;
}

/** An instance, or a class the loader constructs with no arguments. */
export type PluginEntry<T> = T | (new () => T);

/** What a plugin may register, per kind: the property names of the manifest. */
export interface PluginKinds {
  credentialProviders: CredentialProviderPlugin;
  drivers: DeviceDriver;
  parsers: ParserPlugin;
  renderers: RendererPlugin;
  schedulers: NodeScheduler;
  webhooks: WebhookPlugin;
}

export type PluginKind = keyof PluginKinds;

/**
 * The manifest a plugin module exports as `netpulsePlugin` (CommonJS `exports.netpulsePlugin`, or
 * `export const netpulsePlugin` compiled to CommonJS). Every list is optional; a plugin registers
 * at least one thing.
 */
export type NetpulsePlugin = {
  /** Unique among loaded plugins; names the plugin in errors and logs. */
  readonly name: string;
  readonly version?: string;
} & { readonly [K in PluginKind]?: readonly PluginEntry<PluginKinds[K]>[] };

/** The registry of one kind as the loader sees it: built-in registries fit structurally. */
export interface PluginSink<T> {
  register(item: T): void;
  names(): readonly string[];
}

/**
 * The registries of this process. A kind without a registry here is validated but not registered
 * (a FIFO worker has no scheduler registry, the controller runs no webhook deliveries, ...).
 */
export type PluginRegistries = { readonly [K in PluginKind]?: PluginSink<PluginKinds[K]> };

/** The checks of each kind: the methods its members must have (besides a `name`). */
export const PLUGIN_KIND_METHODS: { readonly [K in PluginKind]: readonly (keyof PluginKinds[K] & string)[] } = {
  credentialProviders: ['resolve'],
  drivers: ['validate', 'identity', 'connect', 'test'],
  parsers: ['parse'],
  renderers: ['render'],
  schedulers: ['select', 'selectBatch'],
  webhooks: ['deliver'],
};

/** Singular, for messages (`driver 'dummy' is registered twice`). */
export const PLUGIN_KIND_NOUN: { readonly [K in PluginKind]: string } = {
  credentialProviders: 'credential provider',
  drivers: 'driver',
  parsers: 'parser',
  renderers: 'renderer',
  schedulers: 'scheduler',
  webhooks: 'webhook',
};

export const PLUGIN_KINDS = Object.keys(PLUGIN_KIND_METHODS) as PluginKind[];
