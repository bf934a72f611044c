import { ApiError } from '@netpulse/contracts';
import { IdempotencyStore, StateKeys } from '@netpulse/state';
import { deleteNamespace, readTestEnv } from '@netpulse/testing';
import Redis from 'ioredis';
import { randomUUID } from 'node:crypto';
import { IdempotencyService } from './idempotency.service';

describe('IdempotencyService (real Redis)', () => {
  const env = readTestEnv();
  const redis = new Redis({ host: env.redisHost, port: env.redisPort });
  const keys = new StateKeys(`${env.namespace}-idemsvc-${randomUUID().slice(0, 8)}`);
  const sut = new IdempotencyService(new IdempotencyStore(redis, keys));
  const body = { driver: 'netmiko', command: ['show clock'] };

  /** A unit of work that counts its runs and answers a job id. */
  const counted = (id = 'job-1') => {
    const calls = { work: 0, refresh: 0 };
    return {
      calls,
      work: () => (calls.work++, Promise.resolve({ id, status: 'queued' })),
      refresh: (stored: { id: string; status: string }) => (calls.refresh++, Promise.resolve({ ...stored, status: 'finished' })),
    };
  };
  const statusOf = async (p: Promise<unknown>): Promise<number> => {
    const err: unknown = await p.then(() => null, (e: unknown) => e);
    if (!(err instanceof ApiError)) throw new Error(`expected an ApiError, got ${String(err)}`);
    return err.status;
  };

  afterAll(async () => {
    await deleteNamespace(env.redisHost, env.redisPort, keys.namespace);
    redis.disconnect();
  });

  it('runs the work every time without a key (absent or empty)', async () => {
    const c = counted();
    await sut.once('exec', undefined, body, c.work, c.refresh);
    await sut.once('exec', '', body, c.work, c.refresh);
    expect(c.calls).toEqual({ work: 2, refresh: 0 });
  });

  it('answers a retry with the same key and body from the first answer, refreshed, without running again', async () => {
    const c = counted();
    expect(await sut.once('exec', 'retry-1', body, c.work, c.refresh)).toEqual({ id: 'job-1', status: 'queued' });
    expect(await sut.once('exec', 'retry-1', { ...body }, c.work, c.refresh)).toEqual({ id: 'job-1', status: 'finished' });
    expect(c.calls).toEqual({ work: 1, refresh: 1 });
  });

  it('refuses the key with a different body (422) and while the first request still runs (409)', async () => {
    const c = counted();
    await sut.once('exec', 'k-body', body, c.work, c.refresh);
    expect(await statusOf(sut.once('exec', 'k-body', { ...body, command: ['reload'] }, c.work, c.refresh))).toBe(422);

    let release: () => void = () => undefined;
    let begun: () => void = () => undefined;
    const working = new Promise<void>((resolve) => (begun = resolve));
    const slowWork = (): Promise<{ id: string; status: string }> => {
      begun();
      return new Promise((resolve) => (release = () => resolve({ id: 'slow', status: 'queued' })));
    };
    const slow = sut.once('exec', 'k-slow', body, slowWork, c.refresh);
    // The first request holds the claim once its work has started.
    await working;
    expect(await statusOf(sut.once('exec', 'k-slow', body, c.work, c.refresh))).toBe(409);
    release();
    expect(await slow).toEqual({ id: 'slow', status: 'queued' });
    expect(c.calls.work).toBe(1);
  });

  it('frees the key when the work fails, so a retry runs it', async () => {
    const failing = (): Promise<{ id: string; status: string }> => Promise.reject(ApiError.unavailable('No available node to run the job'));
    const c = counted('job-2');
    expect(await statusOf(sut.once('exec', 'k-fail', body, failing, c.refresh))).toBe(503);
    expect(await sut.once('exec', 'k-fail', body, c.work, c.refresh)).toEqual({ id: 'job-2', status: 'queued' });
    expect(c.calls.work).toBe(1);
  });

  it('keeps routes apart and refuses a key over 255 characters with a 400 naming the header', async () => {
    const c = counted();
    await sut.once('exec', 'k-route', body, c.work, c.refresh);
    await sut.once('bulk', 'k-route', body, c.work, c.refresh);
    expect(c.calls.work).toBe(2);
    const long = sut.once('exec', 'x'.repeat(256), body, c.work, c.refresh);
    await expect(long).rejects.toThrow('Idempotency-Key must be at most 255 characters');
    expect(await statusOf(sut.once('exec', 'x'.repeat(256), body, c.work, c.refresh))).toBe(400);
  });
});
