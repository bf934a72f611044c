import { readTestEnv } from '@netpulse/testing';
import Redis from 'ioredis';
import { randomUUID } from 'node:crypto';
import { StateKeys } from '../state.keys';
import { AuditEntry, AuditLog } from './audit.log';
import { setTimeout as sleep } from 'node:timers/promises';

describe('AuditLog (real Redis stream)', () => {
  const env = readTestEnv();
  const redis = new Redis({ host: env.redisHost, port: env.redisPort });
  const keys = (): StateKeys => new StateKeys(`${env.namespace}-audit-${randomUUID().slice(0, 8)}`);
  const entry = (over: Partial<AuditEntry> = {}): AuditEntry => ({
    time: new Date().toISOString(), event: 'job.accepted', key: 'ops', client: '127.0.0.1', request_id: 'r', route: 'POST /device/exec', job_id: randomUUID(), host: '127.24.0.1', ...over,
  });

  afterAll(() => redis.disconnect());

  it('keeps at most max_len entries, the newest', async () => {
    const k = keys();
    const sut = new AuditLog(redis, k, { maxLen: 100, retentionMs: 3_600_000 });
    for (let i = 0; i < 130; i++) await sut.append(entry({ job_id: `j${i}` }));
    expect(await redis.xlen(k.audit)).toBe(100);
    const all = await sut.read({ sinceMs: 0, limit: 1000 });
    expect(all[0].job_id).toBe('j30');
    expect(all.at(-1)?.job_id).toBe('j129');
    await redis.del(k.audit);
  });

  it('never reads an entry older than the retention, and trims them from the stream once a minute', async () => {
    const k = keys();
    const sut = new AuditLog(redis, k, { maxLen: 1000, retentionMs: 200 });
    await sut.append(entry({ job_id: 'old' }));
    await sleep(300);
    await sut.append(entry({ job_id: 'new' }));
    expect((await sut.read({ sinceMs: 0, limit: 10 })).map((e) => e.job_id)).toEqual(['new']);
    // Within the minute an append is one XADD: the old entry is still stored, only hidden.
    expect(await redis.xlen(k.audit)).toBe(2);
    // The first append of a process (here a second writer) trims by age in the same round trip.
    await new AuditLog(redis, k, { maxLen: 1000, retentionMs: 200 }).append(entry({ job_id: 'newer' }));
    expect(await redis.xlen(k.audit)).toBe(2);
    expect((await sut.read({ sinceMs: 0, limit: 10 })).map((e) => e.job_id)).toEqual(['new', 'newer']);
    await redis.del(k.audit);
  });

  it('appends many entries in order in one step, capped and trimmed by age like single appends', async () => {
    const k = keys();
    const sut = new AuditLog(redis, k, { maxLen: 50, retentionMs: 200 });
    await sut.append(entry({ job_id: 'old' }));
    await new Promise((r) => setTimeout(r, 300));
    await sut.appendMany([]);
    // A second writer's first step trims by age; the cap keeps the newest 50.
    await new AuditLog(redis, k, { maxLen: 50, retentionMs: 200 }).appendMany(Array.from({ length: 60 }, (_, i) => entry({ job_id: `b${i}` })));
    expect(await redis.xlen(k.audit)).toBe(50);
    const ids = (await sut.read({ sinceMs: 0, limit: 100 })).map((e) => e.job_id);
    expect(ids[0]).toBe('b10');
    expect(ids.at(-1)).toBe('b59');
    expect(ids).not.toContain('old');
    await redis.del(k.audit);
  });

  it('filters by time, host and key; a job end follows its accepting key', async () => {
    const k = keys();
    const sut = new AuditLog(redis, k, { maxLen: 1000, retentionMs: 3_600_000 });
    await sut.append(entry({ job_id: 'a', key: 'ops', host: 'h1' }));
    await sut.append(entry({ job_id: 'b', key: 'other', host: 'h2' }));
    await sut.append(entry({ event: 'job.ended', job_id: 'a', key: null, host: 'h1', outcome: 'finished' }));
    await sut.append(entry({ event: 'job.ended', job_id: 'b', key: null, host: 'h2', outcome: 'failed' }));
    const mid = Date.now();
    await sleep(5);
    await sut.append(entry({ job_id: 'c', key: 'ops', host: 'h1' }));
    expect((await sut.read({ sinceMs: 0, key: 'ops', limit: 10 })).map((e) => `${e.event}:${e.job_id}`)).toEqual(['job.accepted:a', 'job.ended:a', 'job.accepted:c']);
    expect((await sut.read({ sinceMs: 0, host: 'h2', limit: 10 })).map((e) => e.job_id)).toEqual(['b', 'b']);
    expect((await sut.read({ sinceMs: mid + 1, limit: 10 })).map((e) => e.job_id)).toEqual(['c']);
    expect(await sut.read({ sinceMs: 0, limit: 2 })).toHaveLength(2);
    await redis.del(k.audit);
  });
});
