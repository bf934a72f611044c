import { ApiError, ResultType } from '@netpulse/contracts';
import { JobEndWatcher, JobStore, StateKeys, toJobResponse } from '@netpulse/state';
import { deleteNamespace, readTestEnv } from '@netpulse/testing';
import Redis from 'ioredis';
import { randomUUID } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import { JobWaitService, MAX_WAIT_S } from './job-wait.service';

describe('JobWaitService', () => {
  describe('parseWait', () => {
    it('reads seconds as milliseconds, absent as undefined', () => {
      expect(JobWaitService.parseWait(undefined)).toBeUndefined();
      expect(JobWaitService.parseWait('0')).toBe(0);
      expect(JobWaitService.parseWait('2.5')).toBe(2500);
      expect(JobWaitService.parseWait(String(MAX_WAIT_S))).toBe(MAX_WAIT_S * 1000);
    });

    it.each(['', ' ', '-1', '61', 'abc', 'NaN', 'Infinity'])('refuses %j with a 400 naming the parameter', (raw) => {
      const err: unknown = (() => {
        try {
          JobWaitService.parseWait(raw);
          return null;
        } catch (e) {
          return e;
        }
      })();
      expect(err).toBeInstanceOf(ApiError);
      expect((err as ApiError).status).toBe(400);
      expect((err as ApiError).message).toContain("Query parameter 'wait'");
    });
  });

  describe('waiting for a job to end (real Redis)', () => {
    const env = readTestEnv();
    const redis = new Redis({ host: env.redisHost, port: env.redisPort });
    const keys = new StateKeys(`${env.namespace}-wait-${randomUUID().slice(0, 8)}`);
    const jobs = new JobStore(redis, keys);
    const watcher = new JobEndWatcher(() => new Redis({ host: env.redisHost, port: env.redisPort, maxRetriesPerRequest: null }), keys.jobEnded);
    const sut = new JobWaitService(jobs, watcher);

    const queued = async (): Promise<string> => {
      const id = randomUUID();
      await jobs.create({ id, queue: 'FifoQ', ttl: 300, resultTtl: 60, timeout: 30, deviceName: '127.0.7.2', command: ['show clock'], host: '127.0.7.2', payload: 'sealed' });
      return id;
    };
    const finishSoon = (id: string, afterMs: number): Promise<void> =>
      sleep(afterMs).then(async () => {
        await jobs.start(id, 'w1');
        await jobs.finish(id, 'w1', 'finished', { type: ResultType.Successful, retval: [], error: null });
      });

    afterAll(async () => {
      watcher.close();
      await deleteNamespace(env.redisHost, env.redisPort, keys.namespace);
      redis.disconnect();
    });

    it('returns once the job ends, long before the wait is over', async () => {
      const id = await queued();
      const started = Date.now();
      const [found] = await Promise.all([sut.until(id, 20_000), finishSoon(id, 100)]);
      expect(found).toBe(true);
      expect((await jobs.statusOf(id))).toBe('finished');
      expect(Date.now() - started).toBeLessThan(10_000);
    });

    it('returns after the wait with the job still queued, at once without one, and false for an unknown job', async () => {
      const id = await queued();
      expect(await sut.until(id, 0)).toBe(true);
      const t = Date.now();
      expect(await sut.until(id, 150)).toBe(true);
      expect(Date.now() - t).toBeGreaterThanOrEqual(100);
      expect(await jobs.statusOf(id)).toBe('queued');
      expect(await sut.until(randomUUID(), 0)).toBe(false);
      expect(await sut.until(randomUUID(), 50)).toBe(false);
    });

    it('waits after a create without a first read, and returns at once for a terminal record', async () => {
      await sut.prepare();
      const id = await queued();
      const known = toJobResponse((await jobs.get(id))!);
      const started = Date.now();
      await Promise.all([sut.untilAfterCreate(known, 20_000), finishSoon(id, 100)]);
      expect(await jobs.statusOf(id)).toBe('finished');
      expect(Date.now() - started).toBeLessThan(10_000);
      const t = Date.now();
      await sut.untilAfterCreate({ ...known, status: 'finished' }, 20_000);
      expect(Date.now() - t).toBeLessThan(1000);
    });
  });
});
