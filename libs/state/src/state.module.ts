import { AppConfig } from '@netpulse/config';
import { DynamicModule, Global, Inject, Injectable, Module, OnApplicationShutdown } from '@nestjs/common';
import type Redis from 'ioredis';
import { AuditLog } from './audit/audit.log';
import { DetachedTaskStore } from './detached/detached-task.store';
import { RedisHostKeyStore } from './hostkeys/redis-host-key.store';
import { JobEndWatcher } from './jobs/job-end.watcher';
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
  ) {}

  async onApplicationShutdown(): Promise<void> {
    this.ended.close();
    await this.queues.close();
    this.redis.disconnect();
  }
}

/** The secret that seals queued payloads: from config, else generated once and shared through Redis. */
export async function resolveSecretBox(redis: Redis, keys: StateKeys, configured: string | null): Promise<SecretBox> {
  if (configured) return new SecretBox(configured);
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
        { provide: SecretBox, inject: [REDIS, StateKeys, AppConfig], useFactory: (r: Redis, k: StateKeys, c: AppConfig) => resolveSecretBox(r, k, c.value.security.secret_key) },
        {
          provide: AuditLog,
          inject: [REDIS, StateKeys, AppConfig],
          useFactory: (r: Redis, k: StateKeys, c: AppConfig) => new AuditLog(r, k, { maxLen: c.value.audit.max_len, retentionMs: c.value.audit.retention_hours * 3_600_000 }),
        },
        StateLifecycle,
      ],
      exports: [AuditLog, DetachedTaskStore, DeviceProtectionStore, JobEndWatcher, JobQueues, JobStore, PinStore, REDIS, RedisConnectionFactory, RedisHostKeyStore, SecretBox, StateKeys, WorkerRegistry],
    };
  }
}
