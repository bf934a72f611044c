import { AppConfig } from '@netpulse/config';
import { DynamicModule, Global, Inject, Injectable, Module, OnApplicationShutdown } from '@nestjs/common';
import type Redis from 'ioredis';
import { AuditLog } from './audit/audit.log';
import { DetachedTaskStore } from './detached/detached-task.store';
import { RedisHostKeyStore } from './hostkeys/redis-host-key.store';
import { JobEndWatcher } from './jobs/job-end.watcher';
import { JobStartWatcher } from './jobs/job-start.watcher';
import { JobStore } from './jobs/job.store';
import { PinStore } from './pinning/pin.store';
import { DeviceProtectionStore } from './protection/device-protection.store';
import { JobQueues } from './queues/job.queues';
import { RedisConnectionFactory } from './redis/redis.connection';
import { SecretBox } from './secrets/secret.box';
import { StateKeys } from './state.keys';
import { WorkerRegistry } from './workers/worker.registry';

export const REDIS = Symbol('REDIS');

/** Closes what this module opened when the app stops. */
@Injectable()
class StateLifecycle implements OnApplicationShutdown {
  constructor(
    @Inject(REDIS) private readonly redis: Redis,
    private readonly queues: JobQueues,
    private readonly ended: JobEndWatcher,
    private readonly started: JobStartWatcher,
  ) {}

  async onApplicationShutdown(): Promise<void> {
    this.ended.close();
    this.started.close();
    await this.queues.close();
    this.redis.disconnect();
  }
}

/** Why a production process refuses to start without `security.secret_key`. */
export const MISSING_SECRET_KEY =
  'security.secret_key is required in production (NETPULSE_ENV=production): it encrypts the secrets of queued jobs and signs download URLs, ' +
  'and must be the same for every app. Set NETPULSE_SECURITY__SECRET_KEY, or security.secret_key_file to a mounted file (the Helm chart creates a Kubernetes Secret for it).';

/** Refuses, before anything starts, a production process without `security.secret_key`. */
export function assertSecretKeyPolicy(config: { readonly environment: string; readonly security: { readonly secret_key: string | null } }): void {
  if (config.environment === 'production' && !config.security.secret_key) throw new Error(MISSING_SECRET_KEY);
}

/**
 * The secret that seals queued payloads, from `security.secret_key` (config, environment or a mounted
 * file) with `security.previous_secret_keys` for rotation; never stored in Redis. Without one a
 * production process refuses to start; in development only, a key shared through Redis stands in
 * (with a warning), so a bare checkout still runs (`npm start` and the tests pass a real key).
 * @throws Error MISSING_SECRET_KEY in production without a key
 */
export async function resolveSecretBox(
  redis: Redis,
  keys: StateKeys,
  security: { readonly secret_key: string | null; readonly previous_secret_keys: readonly string[] },
  environment = 'development',
  warn: (message: string) => void = (m) => void process.stderr.write(`[netpulse] ${m}\n`),
): Promise<SecretBox> {
  if (security.secret_key) return new SecretBox(security.secret_key, security.previous_secret_keys);
  if (environment === 'production') throw new Error(MISSING_SECRET_KEY);
  warn('security.secret_key is not set: using a key shared through Redis, which anyone who can read Redis can use (development only; production refuses to start without security.secret_key)');
  await redis.set(keys.secretKey, SecretBox.generateSecret(), 'NX');
  const secret = await redis.get(keys.secretKey);
  if (!secret) throw new Error('could not read the shared secret key from Redis');
  return new SecretBox(secret);
}

@Global()
@Module({})
export class StateModule {
  static forRoot(): DynamicModule {
    return {
      module: StateModule,
      providers: [
        { provide: RedisConnectionFactory, inject: [AppConfig], useFactory: (c: AppConfig) => new RedisConnectionFactory(c.value.redis) },
        { provide: StateKeys, inject: [AppConfig], useFactory: (c: AppConfig) => new StateKeys(c.value.redis.namespace, { hostToNodeMap: c.value.redis.key.host_to_node_map, nodeInfoMap: c.value.redis.key.node_info_map }) },
        { provide: REDIS, inject: [RedisConnectionFactory], useFactory: (f: RedisConnectionFactory) => f.create('netpulse', { maxRetriesPerRequest: 2 }) },
        { provide: JobStore, inject: [REDIS, StateKeys], useFactory: (r: Redis, k: StateKeys) => new JobStore(r, k) },
        // Opened on first use only (the controller's `?wait=`): workers never hold the connection.
        { provide: JobEndWatcher, inject: [RedisConnectionFactory, StateKeys], useFactory: (f: RedisConnectionFactory, k: StateKeys) => new JobEndWatcher(() => f.create('netpulse-job-ended', { maxRetriesPerRequest: null }), k.jobEnded) },
        { provide: JobStartWatcher, inject: [RedisConnectionFactory, StateKeys], useFactory: (f: RedisConnectionFactory, k: StateKeys) => new JobStartWatcher(() => f.create('netpulse-job-started', { maxRetriesPerRequest: null }), k.jobStarted) },
        { provide: DetachedTaskStore, inject: [REDIS, StateKeys], useFactory: (r: Redis, k: StateKeys) => new DetachedTaskStore(r, k) },
        { provide: RedisHostKeyStore, inject: [REDIS, StateKeys], useFactory: (r: Redis, k: StateKeys) => new RedisHostKeyStore(r, k) },
        { provide: DeviceProtectionStore, inject: [REDIS, StateKeys], useFactory: (r: Redis, k: StateKeys) => new DeviceProtectionStore(r, k) },
        { provide: PinStore, inject: [REDIS, StateKeys], useFactory: (r: Redis, k: StateKeys) => new PinStore(r, k) },
        { provide: JobQueues, inject: [RedisConnectionFactory, StateKeys], useFactory: (f: RedisConnectionFactory, k: StateKeys) => new JobQueues(f, k) },
        {
          provide: WorkerRegistry,
          inject: [REDIS, StateKeys, AppConfig],
          useFactory: (r: Redis, k: StateKeys, c: AppConfig) => new WorkerRegistry(r, k, c.value.worker.node_ttl * 1000),
        },
        { provide: SecretBox, inject: [REDIS, StateKeys, AppConfig], useFactory: (r: Redis, k: StateKeys, c: AppConfig) => resolveSecretBox(r, k, c.value.security, c.value.environment) },
        {
          provide: AuditLog,
          inject: [REDIS, StateKeys, AppConfig],
          useFactory: (r: Redis, k: StateKeys, c: AppConfig) => new AuditLog(r, k, { maxLen: c.value.audit.max_len, retentionMs: c.value.audit.retention_hours * 3_600_000 }),
        },
        StateLifecycle,
      ],
      exports: [AuditLog, DetachedTaskStore, DeviceProtectionStore, JobEndWatcher, JobQueues, JobStartWatcher, JobStore, PinStore, REDIS, RedisConnectionFactory, RedisHostKeyStore, SecretBox, StateKeys, WorkerRegistry],
    };
  }
}
