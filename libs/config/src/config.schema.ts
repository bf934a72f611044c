import { hostname } from 'node:os';
import { ApiKeyEntry, parseApiKeys } from './api-keys.schema';

/** Every setting NetPulse reads, with its default. Keys follow the original's config.yaml
 * plus the keys listed in docs/architecture.md (config keys). Units are seconds unless the name says otherwise. */
export interface AppConfigShape {
  /**
   * `development` or `production` (from `NETPULSE_ENV`; the Helm chart sets `production`). Production
   * refuses to start without `security.secret_key`.
   */
  environment: string;
  server: {
    host: string;
    port: number;
    api_key: string | null;
    api_key_name: string;
    external_url: string | null;
    /** Largest accepted request body, bytes. */
    body_limit: number;
    /** CIDRs of reverse proxies whose `X-Forwarded-For` names the client; none by default. */
    trusted_proxies: string[];
    /** Named keys with a role, stored as SHA-256 hashes; `api_key` stays the full-access key. */
    api_keys: ApiKeyEntry[];
    /** A mounted file of more named keys (same form), re-read on change and on SIGHUP. */
    api_keys_file: string | null;
  };
  job: { ttl: number; timeout: number; result_ttl: number; max_output_bytes: number };
  worker: {
    scheduler: string;
    ttl: number;
    pinned_per_node: number;
    node_name: string;
    heartbeat_interval: number;
    node_ttl: number;
    fifo_concurrency: number;
    fifo_per_device_limit: number;
    pinned_idle_timeout: number;
  };
  redis: {
    host: string;
    port: number;
    password: string | null;
    username: string | null;
    db: number;
    timeout: number;
    keepalive: number;
    namespace: string;
    tls: { enabled: boolean; ca: string | null; cert: string | null; key: string | null };
    sentinel: { enabled: boolean; host: string; port: number; master_name: string; password: string | null };
    /**
     * Redis Cluster: `enabled` makes every app connect with a cluster client (keys hash-tagged so the
     * keys of one job, one device and one queue share a slot); `nodes`: `host:port` of some nodes
     * (more are discovered). Excludes `sentinel` and a `db` other than 0.
     */
    cluster: { enabled: boolean; nodes: string[] };
    key: { host_to_node_map: string | null; node_info_map: string | null };
  };
  /**
   * `host`: address the workers' metrics/probe server binds (the chart sets 0.0.0.0);
   * `max_event_loop_lag`: seconds of event-loop lag (worst over the last 5 s) above which `/readyz` fails.
   */
  metrics: { port: number | null; host: string; require_api_key: boolean; max_event_loop_lag: number };
  /**
   * `secret_key`: encrypts secrets at rest and signs download URLs (never stored in Redis);
   * `secret_key_file`: a file holding it (a mounted Kubernetes Secret), read when `secret_key` is unset;
   * `previous_secret_keys`: older keys still accepted for decryption while a rotation drains;
   * `key_root`: the only folder `key_filename`-style request fields may name (unset: those fields are refused).
   */
  security: {
    secret_key: string | null;
    secret_key_file: string | null;
    previous_secret_keys: string[];
    allowed_targets: string[];
    auth_rate_limit: number;
    key_root: string | null;
  };
  /** `max_devices`: most devices one `/device/bulk` request may name. */
  bulk: { max_devices: number };
  /**
   * `controllers`: controller processes sharing the API port (Node cluster: one primary hands the
   * connections to N workers; background sweeps still run in one of them, by a Redis leader lock).
   */
  launcher: { controllers: number };
  /** Device protection (seconds for times). */
  protection: { breaker_failures: number; breaker_cooldown: number; auth_failures: number; auth_window: number };
  webhook: { signing_secret: string | null };
  /**
   * `remote`: whether `http(s)://` templates are fetched at all; `allowed_targets`: the networks they
   * may come from (their own list, separate from `security.allowed_targets`).
   */
  templates: {
    file_root: string | null;
    ntc_dir: string | null;
    remote: boolean;
    allowed_targets: string[];
    /** Wall-clock limit of one render or parse, seconds; its worker thread is terminated past it. */
    timeout: number;
    /** Largest template text accepted (inline, file or URL), bytes. */
    max_bytes: number;
    /** Heap limit of each template worker thread, MB. */
    max_memory_mb: number;
    /** Largest rendered text or parsed result, bytes. */
    max_output_bytes: number;
    /** Template worker threads per process, created on first use. */
    pool_size: number;
    /** Niceness of the template threads, 0 (the process's priority) to 19 (the lowest); Linux only. */
    thread_nice: number;
  };
  plugin: { packages: string[] };
  log: { level: string; format: string };
  /**
   * Credential references (`credential` in requests), resolved by the worker just before it connects.
   * `name`: the provider (`vault` — alias `vault_kv` — or `file`, or a plugin's). Vault: `addr`,
   * `namespace`, `allowed_paths` (list or comma string; a reference must start with one), `cache_ttl`
   * (seconds a read secret is reused in-process, 0..3600), `verify` (TLS: true, false or a CA file),
   * `timeout` (seconds per Vault request), auth by `token`, AppRole (`role_id`, `secret_id`,
   * `approle_mount`) or Kubernetes (`kubernetes_role`, `kubernetes_mount`, `kubernetes_token_path`);
   * `auth_method` forces one. File provider: `file_root`, one folder per reference.
   */
  credential: {
    enabled: boolean;
    name: string | null;
    addr: string | null;
    namespace: string | null;
    allowed_paths: string[] | string;
    cache_ttl: number;
    verify: boolean | string;
    timeout: number;
    auth_method: string | null;
    token: string | null;
    role_id: string | null;
    secret_id: string | null;
    approle_mount: string;
    kubernetes_role: string | null;
    kubernetes_mount: string;
    kubernetes_token_path: string;
    file_root: string | null;
  };
  /**
   * `staging`: directory shared by controller and workers (uploads, downloads); `retention_hours`:
   * staged files older than this are deleted (hourly); `max_upload_bytes`: largest multipart file
   * (default 2 GiB; `server.body_limit` does not apply to it); `download_url_ttl`: seconds a signed
   * `download_url` stays valid (default 3600).
   */
  storage: { staging: string; retention_hours: number; max_upload_bytes: number; download_url_ttl: number };
  /**
   * The audit trail (accepted jobs and how they ended, cancellations, worker deletions, detached
   * kills): `enabled`; at most `max_len` entries, none older than `retention_hours`.
   */
  audit: { enabled: boolean; max_len: number; retention_hours: number };
}

export type AppConfigValue = Readonly<AppConfigShape>;

export function defaultConfig(): AppConfigShape {
  return {
    environment: 'development',
    server: { host: '0.0.0.0', port: 9000, api_key: null, api_key_name: 'X-API-KEY', external_url: null, body_limit: 16 * 1024 * 1024, trusted_proxies: [], api_keys: [], api_keys_file: null },
    job: { ttl: 1800, timeout: 300, result_ttl: 300, max_output_bytes: 64 * 1024 * 1024 },
    worker: {
      scheduler: 'least_load',
      ttl: 300,
      pinned_per_node: 1024,
      node_name: hostname(),
      heartbeat_interval: 2,
      node_ttl: 10,
      fifo_concurrency: 64,
      fifo_per_device_limit: 2,
      pinned_idle_timeout: 600,
    },
    redis: {
      host: 'localhost',
      port: 6379,
      password: null,
      username: null,
      db: 0,
      timeout: 30,
      keepalive: 30,
      namespace: 'netpulse',
      tls: { enabled: false, ca: null, cert: null, key: null },
      sentinel: { enabled: false, host: 'redis-sentinel', port: 26379, master_name: 'mymaster', password: null },
      cluster: { enabled: false, nodes: [] },
      key: { host_to_node_map: null, node_info_map: null },
    },
    metrics: { port: null, host: '127.0.0.1', require_api_key: false, max_event_loop_lag: 1 },
    security: { secret_key: null, secret_key_file: null, previous_secret_keys: [], allowed_targets: ['0.0.0.0/0', '::/0'], auth_rate_limit: 30, key_root: null },
    bulk: { max_devices: 1000 },
    launcher: { controllers: 1 },
    protection: { breaker_failures: 5, breaker_cooldown: 30, auth_failures: 3, auth_window: 300 },
    webhook: { signing_secret: null },
    templates: {
      file_root: null,
      ntc_dir: null,
      remote: false,
      allowed_targets: [],
      timeout: 5,
      max_bytes: 1024 * 1024,
      max_memory_mb: 128,
      max_output_bytes: 16 * 1024 * 1024,
      pool_size: 2,
      thread_nice: 10,
    },
    plugin: { packages: [] },
    log: { level: 'INFO', format: 'json' },
    credential: {
      enabled: false,
      name: null,
      addr: null,
      namespace: null,
      allowed_paths: [],
      cache_ttl: 30,
      verify: true,
      timeout: 5,
      auth_method: null,
      token: null,
      role_id: null,
      secret_id: null,
      approle_mount: 'approle',
      kubernetes_role: null,
      kubernetes_mount: 'kubernetes',
      kubernetes_token_path: '/var/run/secrets/kubernetes.io/serviceaccount/token',
      file_root: null,
    },
    storage: { staging: './.netpulse/staging', retention_hours: 24, max_upload_bytes: 2 * 1024 * 1024 * 1024, download_url_ttl: 3600 },
    audit: { enabled: true, max_len: 100_000, retention_hours: 720 },
  };
}

type Rule = (value: unknown) => string | null;

/** `host:port` (IPv6 as `[::1]:7000`) split, or null when it is not one. */
export function parseHostPort(v: string): { host: string; port: number } | null {
  const m = /^(?:\[([^\]]+)\]|([^:\s]+)):(\d{1,5})$/.exec(v.trim());
  if (!m) return null;
  const port = Number(m[3]);
  if (port < 1 || port > 65535) return null;
  return { host: m[1] ?? m[2] ?? '', port };
}

const int = (min: number, max = Number.MAX_SAFE_INTEGER): Rule => (v) =>
  typeof v === 'number' && Number.isInteger(v) && v >= min && v <= max ? null : `must be an integer from ${min} to ${max}`;
const num = (min: number): Rule => (v) => (typeof v === 'number' && Number.isFinite(v) && v > min ? null : `must be a number greater than ${min}`);
const str: Rule = (v) => (typeof v === 'string' && v.length > 0 ? null : 'must be a non-empty string');
const optStr: Rule = (v) => (v === null || typeof v === 'string' ? null : 'must be a string or null');
const bool: Rule = (v) => (typeof v === 'boolean' ? null : 'must be true or false');
const strList: Rule = (v) => (Array.isArray(v) && v.every((x) => typeof x === 'string') ? null : 'must be a list of strings');
const oneOf = (...allowed: string[]): Rule => (v) =>
  typeof v === 'string' && allowed.includes(v.toLowerCase()) ? null : `must be one of ${allowed.join(', ')}`;
const port: Rule = int(1, 65535);
const optPort: Rule = (v) => (v === null ? null : port(v));

/** Validation rule per dotted key; keys not listed here are unknown (warned about, not fatal). */
export const CONFIG_RULES: Readonly<Record<string, Rule>> = {
  environment: oneOf('development', 'production'),
  'server.host': str,
  'server.port': port,
  'server.api_key': optStr,
  'server.api_key_name': str,
  'server.external_url': optStr,
  'server.body_limit': int(1024),
  'server.trusted_proxies': strList,
  'server.api_keys': (v) => {
    const { problems } = parseApiKeys(v, 'entry');
    return problems.length > 0 ? problems.join('; ') : null;
  },
  'server.api_keys_file': optStr,
  'job.ttl': int(1, 86400),
  'job.timeout': int(1, 86400),
  'job.result_ttl': int(60, 604800),
  'job.max_output_bytes': int(1024),
  'worker.scheduler': str,
  'worker.ttl': int(1),
  'worker.pinned_per_node': int(1, 1_000_000),
  'worker.node_name': str,
  'worker.heartbeat_interval': num(0),
  'worker.node_ttl': num(0),
  'worker.fifo_concurrency': int(1, 10_000),
  'worker.fifo_per_device_limit': int(1, 1000),
  'worker.pinned_idle_timeout': num(0),
  'redis.host': str,
  'redis.port': port,
  'redis.password': optStr,
  'redis.username': optStr,
  'redis.db': int(0, 15),
  'redis.timeout': num(0),
  'redis.keepalive': int(0),
  'redis.namespace': (v) => (typeof v === 'string' && /^[A-Za-z0-9_.-]+$/.test(v) ? null : 'must be letters, digits, _ . or -'),
  'redis.tls.enabled': bool,
  'redis.tls.ca': optStr,
  'redis.tls.cert': optStr,
  'redis.tls.key': optStr,
  'redis.sentinel.enabled': bool,
  'redis.sentinel.host': str,
  'redis.sentinel.port': port,
  'redis.sentinel.master_name': str,
  'redis.sentinel.password': optStr,
  'redis.cluster.enabled': bool,
  'redis.cluster.nodes': (v) => {
    if (typeof v === 'string') v = v.split(',').map((x) => x.trim()).filter((x) => x !== '');
    if (!Array.isArray(v) || !v.every((x) => typeof x === 'string')) return 'must be a list of host:port strings';
    const bad = v.find((x) => parseHostPort(x) === null);
    return bad === undefined ? null : `must be a list of host:port strings (${JSON.stringify(bad)} is not one)`;
  },
  'redis.key.host_to_node_map': optStr,
  'redis.key.node_info_map': optStr,
  'metrics.port': optPort,
  'metrics.host': str,
  'metrics.require_api_key': bool,
  'metrics.max_event_loop_lag': num(0),
  'security.secret_key': optStr,
  'security.secret_key_file': optStr,
  'security.previous_secret_keys': strList,
  'security.key_root': optStr,
  'bulk.max_devices': int(1, 1_000_000),
  'launcher.controllers': int(1, 64),
  'security.allowed_targets': strList,
  'security.auth_rate_limit': int(0),
  'protection.breaker_failures': int(0),
  'protection.breaker_cooldown': num(0),
  'protection.auth_failures': int(0),
  'protection.auth_window': num(0),
  'webhook.signing_secret': optStr,
  'templates.file_root': optStr,
  'templates.ntc_dir': optStr,
  'templates.remote': bool,
  'templates.allowed_targets': strList,
  'templates.timeout': num(0),
  'templates.max_bytes': int(1024),
  'templates.max_memory_mb': int(16, 16_384),
  'templates.max_output_bytes': int(1024),
  'templates.pool_size': int(1, 64),
  'templates.thread_nice': int(0, 19),
  'plugin.packages': strList,
  'log.level': oneOf('trace', 'debug', 'info', 'warning', 'warn', 'error', 'critical', 'fatal'),
  'log.format': oneOf('json', 'pretty'),
  'credential.enabled': bool,
  'credential.name': optStr,
  'credential.addr': optStr,
  'credential.namespace': optStr,
  'credential.allowed_paths': (v) => (typeof v === 'string' ? null : strList(v)),
  'credential.cache_ttl': int(0, 3600),
  'credential.verify': (v) => (typeof v === 'boolean' || (typeof v === 'string' && v !== '') ? null : 'must be true, false or a CA bundle file'),
  'credential.timeout': num(0),
  'credential.auth_method': (v) => (v === null ? null : oneOf('token', 'approle', 'kubernetes')(v)),
  'credential.token': optStr,
  'credential.role_id': optStr,
  'credential.secret_id': optStr,
  'credential.approle_mount': str,
  'credential.kubernetes_role': optStr,
  'credential.kubernetes_mount': str,
  'credential.kubernetes_token_path': str,
  'credential.file_root': optStr,
  'storage.staging': str,
  'storage.retention_hours': num(0),
  'storage.max_upload_bytes': int(1),
  'storage.download_url_ttl': int(1),
  'audit.enabled': bool,
  'audit.max_len': int(100, 100_000_000),
  'audit.retention_hours': num(0),
};

/** Keys of an original 0.4 config.yaml we accept but do not use. */
export const IGNORED_PREFIXES = ['server.gunicorn_worker', 'plugin.driver', 'plugin.webhook', 'plugin.template', 'plugin.scheduler', 'plugin.credential', 'log.config', 'mongodb'];
