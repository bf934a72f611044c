import { hostname } from 'node:os';
import { z } from 'zod';
import { ApiKeyEntry, parseApiKeys } from './api-keys.schema';

// Leaf types, each with the one message its key's errors carry (the loader prefixes the key path).

/** YAML and env values are parsed, so a digits-only password arrives as a number: string keys take it back as text. */
const asText = (v: unknown): unknown => (typeof v === 'number' || typeof v === 'boolean' ? String(v) : v);

const int = (min: number, max = Number.MAX_SAFE_INTEGER) => {
  const error = `must be an integer from ${min} to ${max}`;
  return z.number({ error }).int({ error }).min(min, { error }).max(max, { error });
};
const num = (min: number) => {
  const error = `must be a number greater than ${min}`;
  return z.number({ error }).gt(min, { error });
};
const str = () => {
  const error = 'must be a non-empty string';
  return z.preprocess(asText, z.string({ error }).min(1, { error }));
};
const optStr = () => z.preprocess(asText, z.string({ error: 'must be a string or null' }).nullable());
const bool = () => z.boolean({ error: 'must be true or false' });
const strList = () => z.array(z.string({ error: 'must be a string' }), { error: 'must be a list of strings' });
/** One of `allowed`, in any letter case (the value is kept as written). */
const oneOf = (...allowed: string[]) => {
  const error = `must be one of ${allowed.join(', ')}`;
  return z.preprocess(asText, z.string({ error }).refine((v) => allowed.includes(v.toLowerCase()), { error }));
};
const port = () => int(1, 65535);

/** `host:port` (IPv6 as `[::1]:7000`) split, or null when it is not one. */
export function parseHostPort(v: string): { host: string; port: number } | null {
  const m = /^(?:\[([^\]]+)\]|([^:\s]+)):(\d{1,5})$/.exec(v.trim());
  if (!m) return null;
  const port = Number(m[3]);
  if (port < 1 || port > 65535) return null;
  return { host: m[1] ?? m[2] ?? '', port };
}

/** `host:port` strings, as a list or one comma-separated string (an environment variable, a Helm value). */
const hostPortList = () => {
  const error = 'must be a list of host:port strings';
  return z.preprocess(
    (v) => (typeof v === 'string' ? v.split(',').map((x) => x.trim()).filter((x) => x !== '') : v),
    z.array(z.string({ error }), { error }).superRefine((list, ctx) => {
      const bad = list.find((x) => parseHostPort(x) === null);
      if (bad !== undefined) ctx.addIssue({ code: 'custom', message: `${error} (${JSON.stringify(bad)} is not one)` });
    }),
  );
};

/** A section: its keys' defaults apply when the section is absent too (every key has a default, so `{}` is valid input). */
const section = <T extends z.ZodRawShape>(shape: T) => {
  const obj = z.object(shape);
  return obj.prefault({} as z.input<typeof obj>);
};

/**
 * Every setting NetPulse reads: its type, its default and its valid range, in one place. Keys follow
 * the original's config.yaml plus the keys listed in docs/architecture.md (config keys). Units are
 * seconds unless the name says otherwise. `loadConfig` reads YAML and env into this shape and
 * validates it once against this schema.
 */
export const CONFIG_SCHEMA = z
  .object({
    /**
     * `development` or `production` (from `NETPULSE_ENV`; the Helm chart sets `production`). Production
     * refuses to start without `security.secret_key`.
     */
    environment: oneOf('development', 'production').default('development'),
    server: section({
      host: str().default('0.0.0.0'),
      port: port().default(9000),
      api_key: optStr().default(null),
      api_key_name: str().default('X-API-KEY'),
      external_url: optStr().default(null),
      /** Largest accepted request body, bytes. */
      body_limit: int(1024).default(16 * 1024 * 1024),
      /** CIDRs of reverse proxies whose `X-Forwarded-For` names the client; none by default. */
      trusted_proxies: strList().default(() => []),
      /** Named keys with a role, stored as SHA-256 hashes; `api_key` stays the full-access key. */
      api_keys: z
        .unknown()
        .superRefine((v, ctx) => {
          const { problems } = parseApiKeys(v, 'entry');
          if (problems.length > 0) ctx.addIssue({ code: 'custom', message: problems.join('; ') });
        })
        .transform((v) => v as ApiKeyEntry[])
        .default(() => []),
      /** A mounted file of more named keys (same form), re-read on change and on SIGHUP. */
      api_keys_file: optStr().default(null),
    }),
    job: section({
      ttl: int(1, 86400).default(1800),
      timeout: int(1, 86400).default(300),
      result_ttl: int(60, 604800).default(300),
      max_output_bytes: int(1024).default(64 * 1024 * 1024),
    }),
    worker: section({
      scheduler: str().default('least_load'),
      ttl: int(1).default(300),
      pinned_per_node: int(1, 1_000_000).default(1024),
      node_name: str().default(() => hostname()),
      heartbeat_interval: num(0).default(2),
      /** Must be greater than `heartbeat_interval`. */
      node_ttl: num(0).default(10),
      fifo_concurrency: int(1, 10_000).default(64),
      fifo_per_device_limit: int(1, 1000).default(2),
      pinned_idle_timeout: num(0).default(600),
      /** When every node is full, an idle pinned device unused this long (seconds) may be evicted for a new device. */
      pinned_evict_min_idle: num(0).default(5),
    }),
    redis: section({
      host: str().default('localhost'),
      port: port().default(6379),
      password: optStr().default(null),
      username: optStr().default(null),
      db: int(0, 15).default(0),
      timeout: num(0).default(30),
      keepalive: int(0).default(30),
      namespace: z
        .preprocess(asText, z.string({ error: 'must be letters, digits, _ . or -' }).regex(/^[A-Za-z0-9_.-]+$/, { error: 'must be letters, digits, _ . or -' }))
        .default('netpulse'),
      tls: section({ enabled: bool().default(false), ca: optStr().default(null), cert: optStr().default(null), key: optStr().default(null) }),
      sentinel: section({
        enabled: bool().default(false),
        host: str().default('redis-sentinel'),
        port: port().default(26379),
        master_name: str().default('mymaster'),
        password: optStr().default(null),
      }),
      /**
       * Redis Cluster: `enabled` makes every app connect with a cluster client (keys hash-tagged so the
       * keys of one job, one device and one queue share a slot); `nodes`: `host:port` of some nodes
       * (more are discovered). Excludes `sentinel` and a `db` other than 0.
       */
      cluster: section({ enabled: bool().default(false), nodes: hostPortList().default(() => []) }),
      /**
       * `wait_replicas`: after each step that accepts, starts or ends a job, wait until this many
       * replicas have it (Redis `WAIT`), so a failover to one of them keeps it; 0 (default) does not
       * wait. `wait_timeout`: the longest wait, seconds (then the step goes on with the write on the
       * primary only, and writes stop waiting for 10 s). A WAIT holds up its connection, so keep it short.
       */
      wait_replicas: int(0, 16).default(0),
      wait_timeout: num(0).default(0.1),
      key: section({ host_to_node_map: optStr().default(null), node_info_map: optStr().default(null) }),
    }),
    /**
     * `host`: address the workers' metrics/probe server binds (the chart sets 0.0.0.0);
     * `max_event_loop_lag`: seconds of event-loop lag (worst over the last 5 s) above which `/readyz` fails.
     */
    metrics: section({
      port: port().nullable().default(null),
      host: str().default('127.0.0.1'),
      require_api_key: bool().default(false),
      max_event_loop_lag: num(0).default(1),
    }),
    /**
     * `secret_key`: encrypts secrets at rest and signs download URLs (never stored in Redis);
     * `secret_key_file`: a file holding it (a mounted Kubernetes Secret), read when `secret_key` is unset;
     * `previous_secret_keys`: older keys still accepted for decryption while a rotation drains;
     * `key_root`: the only folder `key_filename`-style request fields may name (unset: those fields are refused).
     */
    security: section({
      secret_key: optStr().default(null),
      secret_key_file: optStr().default(null),
      previous_secret_keys: strList().default(() => []),
      allowed_targets: strList().default(() => ['0.0.0.0/0', '::/0']),
      auth_rate_limit: int(0).default(30),
      key_root: optStr().default(null),
    }),
    /** `max_devices`: most devices one `/device/bulk` request may name. */
    bulk: section({ max_devices: int(1, 1_000_000).default(1000) }),
    /**
     * `controllers`: controller processes sharing the API port (Node cluster: one primary hands the
     * connections to N workers; background sweeps still run in one of them, by a Redis leader lock).
     */
    launcher: section({ controllers: int(1, 64).default(1) }),
    /** Device protection (seconds for times). */
    protection: section({
      breaker_failures: int(0).default(5),
      breaker_cooldown: num(0).default(30),
      auth_failures: int(0).default(3),
      auth_window: num(0).default(300),
    }),
    webhook: section({ signing_secret: optStr().default(null) }),
    /**
     * `remote`: whether `http(s)://` templates are fetched at all; `allowed_targets`: the networks they
     * may come from (their own list, separate from `security.allowed_targets`).
     */
    templates: section({
      file_root: optStr().default(null),
      ntc_dir: optStr().default(null),
      remote: bool().default(false),
      allowed_targets: strList().default(() => []),
      /** Wall-clock limit of one render or parse, seconds; its worker thread is terminated past it. */
      timeout: num(0).default(5),
      /** Largest template text accepted (inline, file or URL), bytes. */
      max_bytes: int(1024).default(1024 * 1024),
      /** Heap limit of each template worker thread, MB. */
      max_memory_mb: int(16, 16_384).default(128),
      /** Largest rendered text or parsed result, bytes. */
      max_output_bytes: int(1024).default(16 * 1024 * 1024),
      /** Template worker threads per process, created on first use. */
      pool_size: int(1, 64).default(2),
      /** Niceness of the template threads, 0 (the process's priority) to 19 (the lowest); Linux only. */
      thread_nice: int(0, 19).default(10),
    }),
    plugin: section({ packages: strList().default(() => []) }),
    log: section({
      level: oneOf('trace', 'debug', 'info', 'warning', 'warn', 'error', 'critical', 'fatal').default('INFO'),
      format: oneOf('json', 'pretty').default('json'),
    }),
    /**
     * Credential references (`credential` in requests), resolved by the worker just before it connects.
     * `name`: the provider (`vault` — alias `vault_kv` — or `file`, or a plugin's). Vault: `addr`,
     * `namespace`, `allowed_paths` (list or comma string; a reference must start with one), `cache_ttl`
     * (seconds a read secret is reused in-process, 0..3600), `verify` (TLS: true, false or a CA file),
     * `timeout` (seconds per Vault request), auth by `token`, AppRole (`role_id`, `secret_id`,
     * `approle_mount`) or Kubernetes (`kubernetes_role`, `kubernetes_mount`, `kubernetes_token_path`);
     * `auth_method` forces one. File provider: `file_root`, one folder per reference.
     */
    credential: section({
      enabled: bool().default(false),
      name: optStr().default(null),
      addr: optStr().default(null),
      namespace: optStr().default(null),
      allowed_paths: z.union([z.preprocess(asText, z.string()), strList()], { error: 'must be a list of strings' }).default(() => []),
      cache_ttl: int(0, 3600).default(30),
      verify: z
        .union([z.boolean(), z.preprocess(asText, z.string().min(1, { error: 'must be true, false or a CA bundle file' }))], { error: 'must be true, false or a CA bundle file' })
        .default(true),
      timeout: num(0).default(5),
      auth_method: oneOf('token', 'approle', 'kubernetes').nullable().default(null),
      token: optStr().default(null),
      role_id: optStr().default(null),
      secret_id: optStr().default(null),
      approle_mount: str().default('approle'),
      kubernetes_role: optStr().default(null),
      kubernetes_mount: str().default('kubernetes'),
      kubernetes_token_path: str().default('/var/run/secrets/kubernetes.io/serviceaccount/token'),
      file_root: optStr().default(null),
    }),
    /**
     * `staging`: directory shared by controller and workers (uploads, downloads); `retention_hours`:
     * staged files older than this are deleted (hourly); `max_upload_bytes`: largest multipart file
     * (default 2 GiB; `server.body_limit` does not apply to it); `download_url_ttl`: seconds a signed
     * `download_url` stays valid (default 3600).
     */
    storage: section({
      staging: str().default('./.netpulse/staging'),
      retention_hours: num(0).default(24),
      max_upload_bytes: int(1).default(2 * 1024 * 1024 * 1024),
      download_url_ttl: int(1).default(3600),
    }),
    /**
     * The audit trail (accepted jobs and how they ended, cancellations, worker deletions, detached
     * kills): `enabled`; at most `max_len` entries, none older than `retention_hours`.
     */
    audit: section({
      enabled: bool().default(true),
      max_len: int(100, 100_000_000).default(100_000),
      retention_hours: num(0).default(720),
    }),
  })
  .superRefine((cfg, ctx) => {
    const issue = (path: string, message: string): void => ctx.addIssue({ code: 'custom', path: path.split('.'), message });
    if (cfg.worker.node_ttl <= cfg.worker.heartbeat_interval) issue('worker.node_ttl', `must be greater than worker.heartbeat_interval (${cfg.worker.heartbeat_interval})`);
    const redis = cfg.redis;
    if (redis.cluster.enabled) {
      if (redis.cluster.nodes.length === 0) issue('redis.cluster.nodes', 'must name at least one host:port when redis.cluster.enabled is true');
      if (redis.sentinel.enabled) issue('redis.cluster.enabled', 'and redis.sentinel.enabled exclude each other (a cluster fails over by itself)');
      if (redis.db !== 0) issue('redis.db', 'must be 0 when redis.cluster.enabled is true (a cluster has one database)');
    }
  });

/** The validated config, as the schema yields it. */
export type AppConfigShape = z.output<typeof CONFIG_SCHEMA>;

export type AppConfigValue = Readonly<AppConfigShape>;

/** Every default, as a fresh (mutable) object. */
export function defaultConfig(): AppConfigShape {
  return CONFIG_SCHEMA.parse({});
}

/** The dotted names of every setting (`server.port`, `redis.tls.enabled`, ...), from the schema. */
export const CONFIG_KEYS: ReadonlySet<string> = new Set(leafKeys(CONFIG_SCHEMA, ''));

function leafKeys(node: z.ZodType, prefix: string): string[] {
  const obj = node instanceof z.ZodPrefault ? node.unwrap() : node;
  if (!(obj instanceof z.ZodObject)) return [prefix];
  return Object.entries(obj.shape as Record<string, z.ZodType>).flatMap(([k, v]) => leafKeys(v, prefix ? `${prefix}.${k}` : k));
}

/** Keys of an original 0.4 config.yaml we accept but do not use. */
export const IGNORED_PREFIXES = ['server.gunicorn_worker', 'plugin.driver', 'plugin.webhook', 'plugin.template', 'plugin.scheduler', 'plugin.credential', 'log.config', 'mongodb'];
