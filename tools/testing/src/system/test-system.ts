import { AppProcess, AppRole, workspaceRoot } from '@netpulse/launcher';
import { randomBytes } from 'node:crypto';
import { mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { deleteNamespace, dumpNamespace } from '../env/redis-namespace';
import { freePort, readTestEnv } from '../env/test-env';
import { ApiClient } from './api-client';
import { setTimeout as sleep } from 'node:timers/promises';

export interface TestSystemOptions {
  controllers?: number;
  fifoWorkers?: number;
  nodeWorkers?: number;
  /** Extra NETPULSE_* variables for every app. */
  env?: Record<string, string>;
  /** Working directory of every app (default: the workspace root). */
  cwd?: string;
  /** Where Redis is and which namespace prefix to use; default: the jest test environment (benchmarks pass their own). */
  redis?: { host: string; port: number; namespacePrefix: string; logRoot: string };
  /**
   * Run the apps on a Redis Cluster: its seed `host:port`s (`RedisCluster.seeds`). Default: the
   * cluster the jest run was started with (`NETPULSE_TEST_REDIS=cluster`), else none (one Redis).
   */
  redisCluster?: readonly string[];
}

/**
 * The real system for an end-to-end test: each app its own process from `dist/` (built by `pretest`),
 * on a fresh Redis namespace and a free port, talking only through Redis. Output goes to log files the
 * secret sweep reads.
 */
export class TestSystem {
  readonly apps: AppProcess[] = [];
  readonly namespace: string;
  readonly apiKey = `test-key-${randomBytes(8).toString('hex')}`;
  /** `security.secret_key` of every app (a test that builds its own SecretBox or signer uses it). */
  readonly secretKey = `test-secret-${randomBytes(16).toString('hex')}`;
  readonly logDir: string;
  api!: ApiClient;
  /** One client per controller (the first is `api`). */
  readonly apis: ApiClient[] = [];
  private port = 0;

  private readonly redisHost: string;
  private readonly redisPort: number;
  /** Seeds of the Redis Cluster the apps use, or null for one Redis. */
  readonly redisCluster: readonly string[] | null;

  private constructor(private readonly opts: TestSystemOptions) {
    const r = opts.redis ?? (() => {
      const env = readTestEnv();
      return { host: env.redisHost, port: env.redisPort, namespacePrefix: env.namespace, logRoot: join(env.stateDir, 'logs') };
    })();
    this.redisHost = r.host;
    this.redisPort = r.port;
    const seeds = opts.redisCluster ?? clusterSeedsFromEnv();
    this.redisCluster = seeds && seeds.length > 0 ? seeds : null;
    this.namespace = `${r.namespacePrefix}-${randomBytes(4).toString('hex')}`;
    this.logDir = join(r.logRoot, this.namespace);
    mkdirSync(this.logDir, { recursive: true });
  }

  static async start(opts: TestSystemOptions = {}): Promise<TestSystem> {
    const sys = new TestSystem(opts);
    try {
      await sys.boot();
    } catch (err) {
      // The caller never gets `sys` to stop: without this the started apps outlive the test and their
      // open output pipes keep jest from exiting.
      await sys.stop().catch(() => undefined);
      throw err;
    }
    return sys;
  }

  get baseUrl(): string {
    return `http://127.0.0.1:${this.port}`;
  }

  private baseEnv(): NodeJS.ProcessEnv {
    const keep: NodeJS.ProcessEnv = {};
    for (const k of ['PATH', 'HOME', 'TZ', 'LANG', 'NODE_OPTIONS']) if (process.env[k] !== undefined) keep[k] = process.env[k];
    return {
      ...keep,
      NETPULSE_CONFIG_FILE: '/nonexistent/config.yaml',
      NETPULSE_REDIS__HOST: this.redisHost,
      NETPULSE_REDIS__PORT: String(this.redisPort),
      NETPULSE_REDIS__NAMESPACE: this.namespace,
      NETPULSE_SERVER__API_KEY: this.apiKey,
      NETPULSE_SECURITY__SECRET_KEY: this.secretKey,
      NETPULSE_SERVER__HOST: '127.0.0.1',
      NETPULSE_SECURITY__ALLOWED_TARGETS: '["127.0.0.0/8"]',
      NETPULSE_STORAGE__STAGING: join(this.logDir, 'staging'),
      NETPULSE_LOG__LEVEL: 'debug',
      // A first parse loads its template files into a fresh pool thread: on a loaded 2-core CI machine
      // that alone can pass the production default (5 s). Tests of the limit set their own.
      NETPULSE_TEMPLATES__TIMEOUT: '30',
      ...(this.redisCluster ? { NETPULSE_REDIS__CLUSTER__ENABLED: 'true', NETPULSE_REDIS__CLUSTER__NODES: this.redisCluster.join(',') } : {}),
      ...this.opts.env,
    };
  }

  /** Starts one more app process of a role; returns it. */
  spawn(role: AppRole, extraEnv: Record<string, string> = {}): AppProcess {
    const n = this.apps.filter((a) => a.opts.role === role).length + 1;
    const label = `${role}-${n}`;
    const env: NodeJS.ProcessEnv = { ...this.baseEnv(), NETPULSE_SERVER__PORT: String(this.port), ...extraEnv };
    if (role === 'node-worker' && !extraEnv.NETPULSE_WORKER__NODE_NAME) env.NETPULSE_WORKER__NODE_NAME = `node-${this.namespace.slice(-8)}-${n}`;
    const app = new AppProcess({ role, label, root: workspaceRoot(), cwd: this.opts.cwd, env, logFile: join(this.logDir, `${label}.log`) });
    app.start();
    this.apps.push(app);
    return app;
  }

  private async boot(): Promise<void> {
    this.port = await freePort();
    this.api = new ApiClient(this.baseUrl, this.apiKey);
    for (let i = 0; i < (this.opts.controllers ?? 1); i++) {
      const port = i === 0 ? this.port : await freePort();
      this.spawn('controller', { NETPULSE_SERVER__PORT: String(port) });
      this.apis.push(i === 0 ? this.api : new ApiClient(`http://127.0.0.1:${port}`, this.apiKey));
    }
    for (let i = 0; i < (this.opts.fifoWorkers ?? 1); i++) this.spawn('fifo-worker');
    for (let i = 0; i < (this.opts.nodeWorkers ?? 0); i++) this.spawn('node-worker');
    await this.waitReady();
  }

  /** Until the controller answers and every worker has registered. */
  async waitReady(timeoutMs = 60_000): Promise<void> {
    const want = this.apps.filter((a) => a.opts.role !== 'controller' && a.child?.exitCode === null).length;
    const deadline = Date.now() + timeoutMs;
    let last = '';
    while (Date.now() < deadline) {
      try {
        const res = await this.api.get('/workers');
        // Every controller must answer too, not only the first.
        const others = await Promise.all(this.apis.slice(1).map((a) => a.get('/health').then((r) => r.status === 200, () => false)));
        if (res.status === 200 && Array.isArray(res.body) && res.body.length >= want && others.every(Boolean)) return;
        last = `status ${res.status}, ${Array.isArray(res.body) ? res.body.length : 0}/${want} workers`;
      } catch (err) {
        last = err instanceof Error ? err.message : String(err);
      }
      await sleep(100);
    }
    throw new Error(`system not ready after ${timeoutMs} ms (${last}); logs in ${this.logDir}`);
  }

  /** All output the apps wrote so far. */
  logs(): string {
    return this.apps.map((a) => {
      try {
        return readFileSync(join(this.logDir, `${a.opts.label}.log`), 'utf8');
      } catch {
        return '';
      }
    }).join('\n');
  }

  async stop(): Promise<void> {
    await Promise.all(this.apps.map((a) => a.stop('SIGTERM', 5000)));
    for (const a of this.apps) a.closeLog();
    await deleteNamespace(this.redisHost, this.redisPort, this.namespace, this.redisCluster ?? undefined);
  }

  /** Everything the system's namespace holds in Redis (every node of a cluster), as text. */
  dump(): Promise<string> {
    return dumpNamespace(this.redisHost, this.redisPort, this.namespace, this.redisCluster ?? undefined);
  }
}

/** The seeds of the Redis Cluster a jest run was started with (`NETPULSE_TEST_REDIS=cluster`), if any. */
export function clusterSeedsFromEnv(): string[] | null {
  const raw = process.env.NETPULSE_TEST_REDIS_CLUSTER;
  return raw ? raw.split(',').filter(Boolean) : null;
}
