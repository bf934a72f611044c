import { readTestEnv } from '@netpulse/testing';
import Redis from 'ioredis';
import { randomUUID } from 'node:crypto';
import { RedisHostKeyStore } from '../hostkeys/redis-host-key.store';
import { StateKeys } from '../state.keys';
import type { DetachedTaskEntry } from './detached-task.entry';
import { DetachedTaskStore } from './detached-task.store';
import { setTimeout as sleep } from 'node:timers/promises';

describe('DetachedTaskStore and RedisHostKeyStore (real Redis)', () => {
  const env = readTestEnv();
  const redis = new Redis({ host: env.redisHost, port: env.redisPort });
  const keys = new StateKeys(`${env.namespace}-detached-${randomUUID().slice(0, 8)}`);
  const sut = new DetachedTaskStore(redis, keys);
  const entryStub = (over: Partial<DetachedTaskEntry> = {}): DetachedTaskEntry => ({
    task_id: randomUUID().slice(0, 12),
    status: 'launching',
    host: '127.0.0.1',
    driver: 'paramiko',
    worker_id: null,
    push_interval: null,
    webhook: null,
    connection_args: { host: '127.0.0.1', password: '******' },
    command: null,
    last_sync: 0,
    created_at: Date.now() / 1000,
    last_offset: 0,
    pid: null,
    push_job_id: null,
    last_push: 0,
    final_sent: false,
    sealed: 'v1.sealed',
    ...over,
  });

  afterAll(() => redis.disconnect());

  it('creates, reads back typed values, patches and removes an entry', async () => {
    const e = entryStub({ command: [] });
    await sut.create(e);
    expect(await sut.get(e.task_id)).toEqual(e);
    expect(await sut.patch(e.task_id, { status: 'running', command: ['sleep 1'], last_offset: 42 })).toBe(true);
    expect(await sut.get(e.task_id)).toMatchObject({ status: 'running', command: ['sleep 1'], last_offset: 42, sealed: 'v1.sealed' });
    expect(await sut.remove(e.task_id)).toBe(true);
    expect(await sut.get(e.task_id)).toBeNull();
    expect(await sut.remove(e.task_id)).toBe(false);
  });

  it('never brings a removed task back through a late patch', async () => {
    expect(await sut.patch('gone-task', { status: 'running' })).toBe(false);
    expect(await redis.exists(keys.detachedTask('gone-task'))).toBe(0);
  });

  it('lists oldest first and clears with a count', async () => {
    const a = entryStub({ created_at: 1000 });
    const b = entryStub({ created_at: 2000 });
    await sut.create(b);
    await sut.create(a);
    expect((await sut.list()).map((e) => e.task_id)).toEqual([a.task_id, b.task_id]);
    expect(await sut.clear()).toBe(2);
    expect(await sut.list()).toEqual([]);
  });

  it('grants the remote clean-up once per period and target', async () => {
    expect(await sut.claimGarbageCollection('127.0.0.1', 22, 'u', 1)).toBe(true);
    expect(await sut.claimGarbageCollection('127.0.0.1', 22, 'u', 1)).toBe(false);
    expect(await sut.claimGarbageCollection('127.0.0.1', 2222, 'u', 1)).toBe(true);
    expect(await sut.claimGarbageCollection('127.0.0.1', 22, 'v', 1)).toBe(true);
    await sleep(1100);
    expect(await sut.claimGarbageCollection('127.0.0.1', 22, 'u', 1)).toBe(true);
  });

  it('remembers the first host key written and forgets it on demand', async () => {
    const hostKeys = new RedisHostKeyStore(redis, keys);
    expect(await hostKeys.get('127.0.0.1:22')).toBeNull();
    await hostKeys.put('127.0.0.1:22', 'SHA256:first');
    await hostKeys.put('127.0.0.1:22', 'SHA256:second');
    expect(await hostKeys.get('127.0.0.1:22')).toBe('SHA256:first');
    await hostKeys.forget('127.0.0.1:22');
    expect(await hostKeys.get('127.0.0.1:22')).toBeNull();
  });
});
