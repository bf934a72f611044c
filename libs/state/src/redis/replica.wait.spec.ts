import { defaultConfig } from '@netpulse/config';
import { strictStub } from '@netpulse/testing';
import type { ChainableCommander } from 'ioredis';
import { ReplicaWait, SHORTFALL_PAUSE_MS } from './replica.wait';

describe('ReplicaWait', () => {
  const pipeline = (): { p: ChainableCommander; waits: unknown[][] } => {
    const waits: unknown[][] = [];
    const p: ChainableCommander = strictStub<ChainableCommander>({ wait: (...args: unknown[]) => (waits.push(args), p) });
    return { p, waits };
  };

  it('adds WAIT <replicas> <timeout ms> after the writes, and pauses for a while after a shortfall', () => {
    let now = 1000;
    const sut = new ReplicaWait(1, 250, () => now);
    const first = pipeline();
    expect(sut.append(first.p)).toBe(true);
    expect(first.waits).toEqual([[1, 250]]);
    sut.acknowledged(1);
    expect(sut.active).toBe(true);
    sut.acknowledged(0);
    expect(sut.shortfalls).toBe(1);
    const paused = pipeline();
    expect(sut.append(paused.p)).toBe(false);
    expect(paused.waits).toEqual([]);
    now += SHORTFALL_PAUSE_MS;
    expect(sut.active).toBe(true);
  });

  it('is made from redis.wait_replicas and wait_timeout, none for 0, and refuses bad options by name', () => {
    const redis = defaultConfig().redis;
    expect(ReplicaWait.of(redis)).toBeNull();
    expect(ReplicaWait.of({ ...redis, wait_replicas: 2, wait_timeout: 0.5 })).toMatchObject({ replicas: 2, timeoutMs: 500 });
    expect(() => new ReplicaWait(0, 100)).toThrow('ReplicaWait replicas must be an integer of at least 1');
    expect(() => new ReplicaWait(1, 0)).toThrow('ReplicaWait timeoutMs must be a number of at least 1');
  });
});
