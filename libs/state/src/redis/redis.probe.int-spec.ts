import { readTestEnv } from '@netpulse/testing';
import Redis from 'ioredis';
import { RedisProbe } from './redis.probe';

describe('RedisProbe (real Redis)', () => {
  const env = readTestEnv();

  it('is ready while Redis answers PING, and names the reason (never rejects) when it does not', async () => {
    const redis = new Redis({ host: env.redisHost, port: env.redisPort, lazyConnect: true, maxRetriesPerRequest: 0, enableOfflineQueue: false });
    const sut = new RedisProbe(redis);
    try {
      await redis.connect();
      expect(await sut.ready()).toBe(true);
      redis.disconnect();
      expect(await sut.ready()).toEqual({ ready: false, reason: 'redis: no answer' });
    } finally {
      redis.disconnect();
    }
  });
});
