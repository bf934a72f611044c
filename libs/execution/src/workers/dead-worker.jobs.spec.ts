import type { JobResult } from '@netpulse/contracts';
import type { JobRecord } from '@netpulse/state';
import { DeadWorkerJobs } from './dead-worker.jobs';

type Ctor = ConstructorParameters<typeof DeadWorkerJobs>;

function record(id: string, host: string): JobRecord {
  return { id, status: 'failed', queue: 'FifoQ', createdAt: 1, enqueuedAt: 1, startedAt: 1, endedAt: 2, worker: 'w', result: null, taskId: null, deviceName: host, command: null, host, resultTtl: 60, timeout: 30, deadline: null };
}

function harness(running: string[], alreadyEnded: string[] = []) {
  const failed: [string, string, JobResult][] = [];
  const notified: string[] = [];
  const released: string[] = [];
  const completed: string[] = [];
  const jobs: Ctor[0] = {
    runningOn: () => Promise.resolve(running),
    payloadOf: (id) => Promise.resolve(`sealed-${id}`),
    failPresumedDead: (id, worker, result) => {
      failed.push([id, worker, result]);
      return Promise.resolve(!alreadyEnded.includes(id));
    },
    get: (id) => Promise.resolve(record(id, '127.17.0.9')),
  };
  const notifier: Ctor[1] = { notifySealed: (id) => (notified.push(id), Promise.resolve()) };
  const logger: Ctor[2] = { event: () => undefined };
  const metrics: Ctor[3] = { jobCompleted: (e) => void completed.push(e.strategy) };
  const protection: Ctor[4] = { releaseSlot: (_host, id) => (released.push(id), Promise.resolve()) };
  return { sut: new DeadWorkerJobs(jobs, notifier, logger, metrics, protection), failed, notified, released, completed };
}

describe('DeadWorkerJobs (the one home of "fail running jobs with WorkerDied, then notify")', () => {
  it('ends each running job WorkerDied as a presumption, notifies, and counts it under the real strategy', async () => {
    const h = harness(['j1', 'j2'], ['j2']);
    expect(await h.sut.failRunning('node-a_HostQ_127.17.0.9', 'Node node-a stopped renewing its lease')).toEqual(['j1']);
    expect(h.failed.map(([id, w]) => [id, w])).toEqual([
      ['j1', 'node-a_HostQ_127.17.0.9'],
      ['j2', 'node-a_HostQ_127.17.0.9'],
    ]);
    const err = h.failed[0][2].error;
    expect(err?.type).toBe('WorkerDied');
    expect(err?.message).toMatch(/^Node node-a stopped renewing its lease while running the job; the job was not retried\./);
    expect(err?.message).toContain('JobRanLate');
    expect(h.notified).toEqual(['j1']);
    expect(h.completed).toEqual(['pinned']);
    // A pinned job holds no FIFO session slot.
    expect(h.released).toEqual([]);
  });

  it('labels a FIFO worker\'s jobs fifo and gives their device session slots back at once', async () => {
    const h = harness(['j3']);
    await h.sut.failRunning('host_FifoQ', 'Worker host_FifoQ stopped heartbeating');
    expect(h.completed).toEqual(['fifo']);
    expect(h.released).toEqual(['j3']);
  });
});
