import { ConfigError, loadConfig } from './config.loader';
import { CONFIG_KEYS, CONFIG_SCHEMA, defaultConfig } from './config.schema';

/** The problems `loadConfig` reports for these environment overrides (none: an empty list). */
function problemsOf(env: Record<string, string>): string[] {
  try {
    loadConfig({ file: '/nonexistent/config.yaml', env });
    return [];
  } catch (err) {
    if (!(err instanceof ConfigError)) throw err;
    return err.problems;
  }
}

describe('CONFIG_SCHEMA: one schema for types, defaults and ranges', () => {
  it('yields every default from the schema itself, fresh on each call', () => {
    const a = defaultConfig();
    expect(a.server).toMatchObject({ host: '0.0.0.0', port: 9000, api_key: null, api_key_name: 'X-API-KEY', body_limit: 16 * 1024 * 1024, api_keys: [] });
    expect(a.worker).toMatchObject({ scheduler: 'least_load', pinned_per_node: 1024, heartbeat_interval: 2, node_ttl: 10, fifo_concurrency: 64 });
    expect(a.redis.sentinel).toEqual({ enabled: false, host: 'redis-sentinel', port: 26379, master_name: 'mymaster', password: null });
    expect(a.security.allowed_targets).toEqual(['0.0.0.0/0', '::/0']);
    expect(a.log).toEqual({ level: 'INFO', format: 'json' });
    expect(typeof a.worker.node_name).toBe('string');
    a.security.allowed_targets.push('127.0.0.0/8');
    expect(defaultConfig().security.allowed_targets).toEqual(['0.0.0.0/0', '::/0']);
  });

  it('names every setting by its dotted key', () => {
    expect(CONFIG_KEYS.size).toBe(101);
    for (const key of ['environment', 'server.port', 'redis.tls.enabled', 'redis.sentinel.master_name', 'credential.kubernetes_token_path', 'audit.retention_hours', 'worker.pinned_evict_min_idle', 'redis.cluster.nodes', 'redis.wait_replicas']) expect(CONFIG_KEYS.has(key)).toBe(true);
    expect(CONFIG_KEYS.has('redis.tls')).toBe(false);
  });

  it('fills a missing section with its defaults and strips unknown keys', () => {
    const parsed = CONFIG_SCHEMA.parse({ server: { port: 9100 }, extra: 1 });
    expect(parsed.server).toMatchObject({ port: 9100, host: '0.0.0.0' });
    expect(parsed.job.ttl).toBe(1800);
    expect(parsed).not.toHaveProperty('extra');
  });
});

describe('loadConfig refuses bad values, naming each key', () => {
  it.each([
    ['NETPULSE_SERVER__PORT', '0', 'server.port must be an integer from 1 to 65535 (got 0)'],
    ['NETPULSE_SERVER__BODY_LIMIT', '1.5', 'server.body_limit must be an integer from 1024 to 9007199254740991 (got 1.5)'],
    ['NETPULSE_JOB__TTL', '86401', 'job.ttl must be an integer from 1 to 86400 (got 86401)'],
    ['NETPULSE_WORKER__HEARTBEAT_INTERVAL', '0', 'worker.heartbeat_interval must be a number greater than 0 (got 0)'],
    ['NETPULSE_WORKER__SCHEDULER', '""', 'worker.scheduler must be a non-empty string (got "")'],
    ['NETPULSE_REDIS__DB', '16', 'redis.db must be an integer from 0 to 15 (got 16)'],
    ['NETPULSE_REDIS__NAMESPACE', 'a:b', 'redis.namespace must be letters, digits, _ . or - (got "a:b")'],
    ['NETPULSE_REDIS__TLS__ENABLED', 'yes', 'redis.tls.enabled must be true or false (got "yes")'],
    ['NETPULSE_METRICS__PORT', '"9100"', 'metrics.port must be an integer from 1 to 65535 (got "9100")'],
    ['NETPULSE_SECURITY__ALLOWED_TARGETS', '"127.0.0.0/8"', 'security.allowed_targets must be a list of strings (got "127.0.0.0/8")'],
    ['NETPULSE_SECURITY__ALLOWED_TARGETS', '["127.0.0.0/8", 8]', 'security.allowed_targets[1] must be a string (got 8)'],
    ['NETPULSE_TEMPLATES__THREAD_NICE', '20', 'templates.thread_nice must be an integer from 0 to 19 (got 20)'],
    ['NETPULSE_LOG__FORMAT', 'xml', 'log.format must be one of json, pretty (got "xml")'],
    ['NETPULSE_CREDENTIAL__AUTH_METHOD', 'ldap', 'credential.auth_method must be one of token, approle, kubernetes (got "ldap")'],
    ['NETPULSE_CREDENTIAL__VERIFY', '""', 'credential.verify must be true, false or a CA bundle file (got "")'],
    ['NETPULSE_CREDENTIAL__CACHE_TTL', '3601', 'credential.cache_ttl must be an integer from 0 to 3600 (got 3601)'],
    ['NETPULSE_AUDIT__MAX_LEN', '99', 'audit.max_len must be an integer from 100 to 100000000 (got 99)'],
    ['NETPULSE_LAUNCHER__CONTROLLERS', '65', 'launcher.controllers must be an integer from 1 to 64 (got 65)'],
  ])('%s=%s', (name, value, problem) => {
    expect(problemsOf({ [name]: value })).toEqual([problem]);
  });

  it('refuses a node lease not longer than the heartbeat', () => {
    expect(problemsOf({ NETPULSE_WORKER__NODE_TTL: '2' })).toEqual(['worker.node_ttl must be greater than worker.heartbeat_interval (2) (got 2)']);
  });

  it('explains bad named API keys entry by entry', () => {
    const [problem] = problemsOf({ NETPULSE_SERVER__API_KEYS: JSON.stringify([{ name: 'ops', sha256: 'abc', role: 'root' }]) });
    expect(problem).toMatch(/^server\.api_keys entry\[0\]\.sha256 must be the SHA-256 of the key as 64 hex digits .*; entry\[0\]\.role must be one of read, operate, admin/);
  });

  it('lists every problem at once, and never shows the value of a secret setting', () => {
    const problems = problemsOf({ NETPULSE_SERVER__PORT: '-1', NETPULSE_REDIS__PASSWORD: '["hunter2"]', NETPULSE_SECURITY__PREVIOUS_SECRET_KEYS: '["k-old", 7]', NETPULSE_LOG__LEVEL: 'loud' });
    expect(problems).toHaveLength(4);
    expect(problems).toContain('redis.password must be a string or null (got "******")');
    expect(problems).toContain('security.previous_secret_keys[1] must be a string (got "******")');
    expect(problems.join('\n')).not.toContain('hunter2');
  });

  it('accepts case-insensitive choices as written, and scalars for text settings as text', () => {
    const sut = loadConfig({ file: '/nonexistent/config.yaml', env: { NETPULSE_LOG__LEVEL: 'DEBUG', NETPULSE_CREDENTIAL__AUTH_METHOD: 'Token', NETPULSE_WORKER__NODE_NAME: '7', NETPULSE_CREDENTIAL__ALLOWED_PATHS: 'kv/a,kv/b' } });
    expect(sut.log.level).toBe('DEBUG');
    expect(sut.credential.auth_method).toBe('Token');
    expect(sut.worker.node_name).toBe('7');
    expect(sut.credential.allowed_paths).toBe('kv/a,kv/b');
  });

  it('returns a frozen config', () => {
    const sut = loadConfig({ file: '/nonexistent/config.yaml', env: {} });
    expect(Object.isFrozen(sut.server)).toBe(true);
    expect(Object.isFrozen(sut.security.allowed_targets)).toBe(true);
  });
});
