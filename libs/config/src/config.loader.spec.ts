import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ConfigError, loadConfig } from './config.loader';

function yamlFile(text: string): string {
  const dir = mkdtempSync(join(tmpdir(), 'np-config-'));
  const file = join(dir, 'config.yaml');
  writeFileSync(file, text);
  return file;
}

describe('loadConfig', () => {
  it('gives the contract defaults with no file', () => {
    const sut = loadConfig({ file: '/nonexistent/config.yaml', env: {} });
    expect(sut.server.port).toBe(9000);
    expect(sut.job).toEqual({ ttl: 1800, timeout: 300, result_ttl: 300, max_output_bytes: 64 * 1024 * 1024 });
    expect(sut.worker.pinned_per_node).toBe(1024);
    expect(sut.redis.namespace).toBe('netpulse');
  });

  it('reads the secret key from a mounted file (newest first, older keys after it) and NETPULSE_ENV', () => {
    const file = yamlFile('');
    writeFileSync(file, 'k-new\nk-old\n');
    const sut = loadConfig({ file: '/nonexistent/config.yaml', env: { NETPULSE_SECURITY__SECRET_KEY_FILE: file, NETPULSE_ENV: 'production' } });
    expect(sut.security).toMatchObject({ secret_key: 'k-new', previous_secret_keys: ['k-old'] });
    expect(sut.environment).toBe('production');
    expect(() => loadConfig({ file: '/nonexistent/config.yaml', env: { NETPULSE_SECURITY__SECRET_KEY_FILE: '/nonexistent/key' } })).toThrow('security.secret_key_file /nonexistent/key cannot be read: ENOENT');
    expect(() => loadConfig({ file: '/nonexistent/config.yaml', env: { NETPULSE_ENV: 'staging' } })).toThrow('environment must be one of development, production');
  });

  it('is closed by default where it matters: no remote templates, no key files, metrics on loopback, a bulk cap', () => {
    const sut = loadConfig({ file: '/nonexistent/config.yaml', env: {} });
    expect(sut.templates).toMatchObject({ remote: false, allowed_targets: [] });
    expect(sut.security.key_root).toBeNull();
    expect(sut.metrics.host).toBe('127.0.0.1');
    expect(sut.bulk.max_devices).toBe(1000);
  });

  it('lets env override YAML, parsing JSON values', () => {
    const file = yamlFile('server:\n  port: 9100\njob:\n  ttl: 60\n');
    const sut = loadConfig({ file, env: { NETPULSE_SERVER__PORT: '9200', NETPULSE_REDIS__TLS__ENABLED: 'true', NETPULSE_SECURITY__ALLOWED_TARGETS: '["127.0.0.0/8"]' } });
    expect(sut.server.port).toBe(9200);
    expect(sut.job.ttl).toBe(60);
    expect(sut.redis.tls.enabled).toBe(true);
    expect(sut.security.allowed_targets).toEqual(['127.0.0.0/8']);
  });

  it('reads redis.cluster: off by default, nodes as a list or a comma-separated string, checked against sentinel and db', () => {
    const none = '/nonexistent/config.yaml';
    expect(loadConfig({ file: none, env: {} }).redis).toMatchObject({ cluster: { enabled: false, nodes: [] }, wait_replicas: 0, wait_timeout: 0.1 });
    const fromList = loadConfig({ file: none, env: { NETPULSE_REDIS__CLUSTER__ENABLED: 'true', NETPULSE_REDIS__CLUSTER__NODES: '["127.0.0.1:7001","[::1]:7002"]' } });
    expect(fromList.redis.cluster).toEqual({ enabled: true, nodes: ['127.0.0.1:7001', '[::1]:7002'] });
    const fromString = loadConfig({ file: none, env: { NETPULSE_REDIS__CLUSTER__ENABLED: 'true', NETPULSE_REDIS__CLUSTER__NODES: '127.0.0.1:7001, 127.0.0.1:7002' } });
    expect(fromString.redis.cluster.nodes).toEqual(['127.0.0.1:7001', '127.0.0.1:7002']);
    expect(() => loadConfig({ file: none, env: { NETPULSE_REDIS__CLUSTER__NODES: '["127.0.0.1"]' } })).toThrow('redis.cluster.nodes must be a list of host:port strings ("127.0.0.1" is not one)');
    expect(() => loadConfig({ file: none, env: { NETPULSE_REDIS__CLUSTER__ENABLED: 'true' } })).toThrow('redis.cluster.nodes must name at least one host:port');
    const clash = { NETPULSE_REDIS__CLUSTER__ENABLED: 'true', NETPULSE_REDIS__CLUSTER__NODES: '127.0.0.1:7001', NETPULSE_REDIS__SENTINEL__ENABLED: 'true', NETPULSE_REDIS__DB: '2' };
    expect(() => loadConfig({ file: none, env: clash })).toThrow(/redis.cluster.enabled and redis.sentinel.enabled exclude each other[\s\S]*redis.db must be 0/);
  });

  it('keeps a digits-only secret from the environment a string', () => {
    const sut = loadConfig({ file: '/nonexistent', env: { NETPULSE_SERVER__API_KEY: '123456', NETPULSE_REDIS__PASSWORD: '42' } });
    expect(sut.server.api_key).toBe('123456');
    expect(sut.redis.password).toBe('42');
  });

  it('expands ${VAR} and ${VAR:-default} from the environment', () => {
    const file = yamlFile('server:\n  api_key: ${MY_KEY}\n  port: ${MY_PORT:-9300}\n');
    const sut = loadConfig({ file, env: { MY_KEY: 'k-123' } });
    expect(sut.server.api_key).toBe('k-123');
    expect(sut.server.port).toBe(9300);
  });

  it('stops on an unset ${VAR}, naming the key and the variable', () => {
    const file = yamlFile('server:\n  api_key: ${NOPE_NOT_SET}\n');
    expect(() => loadConfig({ file, env: {} })).toThrow(/server\.api_key: environment variable NOPE_NOT_SET is not set/);
  });

  it('does not need the variable when env overrides the key (the original shipped YAML)', () => {
    const file = yamlFile('server:\n  api_key: ${NETPULSE_SERVER__API_KEY}\n');
    expect(loadConfig({ file, env: { NETPULSE_SERVER__API_KEY: 'abc' } }).server.api_key).toBe('abc');
  });

  it('lists every bad value by key', () => {
    try {
      loadConfig({ file: '/nonexistent', env: { NETPULSE_SERVER__PORT: '70000', NETPULSE_JOB__RESULT_TTL: '5' } });
      throw new Error('expected a ConfigError');
    } catch (err) {
      expect(err).toBeInstanceOf(ConfigError);
      const msg = (err as ConfigError).message;
      expect(msg).toContain('server.port must be an integer from 1 to 65535');
      expect(msg).toContain('job.result_ttl must be an integer from 60 to 604800');
    }
  });

  it('warns about unknown keys but accepts keys of an original config.yaml silently', () => {
    const warnings: string[] = [];
    const file = yamlFile('server:\n  gunicorn_worker: 4\nmongodb:\n  enabled: false\nfoo:\n  bar: 1\n');
    loadConfig({ file, env: {}, warn: (m) => warnings.push(m) });
    expect(warnings).toEqual(['unknown key foo.bar is ignored']);
  });
});
