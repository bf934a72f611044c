import { JobResult, ResultType } from '@netpulse/contracts';
import type { StartOutcome } from '@netpulse/state';
import type { SessionSource } from '../sessions/session.source';
import { WorkerLease } from '../workers/worker-lease';
import { DeviceJobProcessor, lateResult } from './device-job.processor';
import type { DeviceJobRequest } from './device-job.request';
import type { InterruptReason, RunOutcome } from './job.runner';

type Ctor = ConstructorParameters<typeof DeviceJobProcessor>;

const request: DeviceJobRequest = {
  driver: 'netmiko',
  connection_args: { host: '127.17.0.5' },
  command: null,
  config: ['ntp server 10.0.0.1', 'ntp server 10.0.0.2', 'ntp server 10.0.0.3'],
  driver_args: null,
  file_transfer: null,
  rendering: null,
  parsing: null,
  webhook: { url: 'http://127.0.0.1:9/hook' },
  extras: {},
  queue_strategy: 'pinned',
  execution_timeout: 30,
  detach: false,
  task_id: null,
  staged_file_id: null,
};
const sessions: SessionSource = { acquire: () => Promise.reject(new Error('not used')), release: () => Promise.resolve() };

/**
 * A processor over stubbed boundaries. The runner stub plays a device that takes one line per step
 * and calls the checkpoint before each, as the drivers do; `stallAfter` moves the clock past the lease
 * after that many lines (SIGSTOP … SIGCONT).
 */
function harness(opts: { finishWrites: boolean; stallAfter?: number; lateKept?: boolean }) {
  let now = 0;
  const lease = new WorkerLease(() => now);
  lease.renewed(lease.mark(), 10_000);
  const sent: string[] = [];
  const finished: [string, JobResult][] = [];
  const late: JobResult[] = [];
  const webhooks: [string, JobResult][] = [];
  const ranLate: string[] = [];
  const jobs: Ctor[0] = {
    start: (): Promise<StartOutcome> => Promise.resolve({ state: 'started', payload: 'sealed', enqueuedAt: null }),
    get: () => Promise.resolve(null),
    finish: (_id, _w, status, result) => (finished.push([status, result]), Promise.resolve(opts.finishWrites)),
    recordLate: (_id, _w, result) => (late.push(result), Promise.resolve(opts.lateKept ?? true)),
    setCommand: () => Promise.resolve(),
  };
  const runner: Ctor[2] = {
    run: (_id, req, _s, signal, checkpoint): Promise<RunOutcome> => {
      const lines = req.config as string[];
      const out: string[] = [];
      for (const line of lines) {
        checkpoint?.();
        if (signal.aborted) break;
        sent.push(line);
        out.push(`${line}: ok`);
        if (opts.stallAfter === out.length) now += 60_000;
      }
      const retval = [{ command: lines.join('\n'), stdout: out.join('\n'), stderr: '', exit_status: 0, metadata: {}, download_url: null, parsed: null }];
      if ((signal.reason as InterruptReason | undefined) === 'lease-lost') {
        return Promise.resolve({ status: 'failed', result: { type: ResultType.Failed, retval, error: { type: 'WorkerLeaseLost', message: 'lease lost' } } });
      }
      return Promise.resolve({ status: 'finished', result: { type: ResultType.Successful, retval, error: null } });
    },
  };
  const notifier: Ctor[5] = {
    notify: (id, _req, _status, result) => (webhooks.push([id, result]), Promise.resolve()),
    notifySealed: () => Promise.resolve(),
  };
  const metrics: Ctor[4] = { jobStarted: () => undefined, jobCompleted: () => undefined, jobRanLate: (s) => void ranLate.push(s) };
  const sut = new DeviceJobProcessor(jobs, { open: () => JSON.stringify(request) }, runner, { event: () => undefined }, metrics, notifier);
  return { sut, lease, sent, finished, late, webhooks, ranLate, advance: (ms: number) => (now += ms) };
}

describe('DeviceJobProcessor under stalls', () => {
  it('runs and records a job normally while the lease holds', async () => {
    const h = harness({ finishWrites: true });
    expect(await h.sut.process('j1', 'n1_HostQ_127.17.0.5', sessions, h.lease)).toBe('finished');
    expect(h.sent).toHaveLength(3);
    expect(h.webhooks.map(([, r]) => r.type)).toEqual([ResultType.Successful]);
    expect(h.late).toEqual([]);
  });

  it('claims nothing without its lease', async () => {
    const h = harness({ finishWrites: true });
    h.advance(20_000);
    await expect(h.sut.process('j1', 'w', sessions, h.lease)).rejects.toThrow('lease is not held');
  });

  it('a worker that stalled past its lease sends no further line when it wakes', async () => {
    const h = harness({ finishWrites: true, stallAfter: 1 });
    expect(await h.sut.process('j1', 'w', sessions, h.lease)).toBe('failed');
    expect(h.sent).toEqual(['ntp server 10.0.0.1']);
    expect(h.finished[0][1].error?.type).toBe('WorkerLeaseLost');
  });

  it('a lease taken anew after it ran out does not revive a job of the old lease', async () => {
    const h = harness({ finishWrites: true, stallAfter: 1 });
    // The worker stalls after line 1 and, before the job's next step, its heartbeat renews the lease.
    const renew = h.lease.renewed.bind(h.lease);
    let once = false;
    h.lease.held = ((held) => (epoch?: number) => {
      if (!once && epoch !== undefined) {
        once = true;
        renew(h.lease.mark(), 10_000);
      }
      return held(epoch);
    })(h.lease.held.bind(h.lease));
    await h.sut.process('j1', 'w', sessions, h.lease);
    expect(h.sent).toEqual(['ntp server 10.0.0.1']);
  });

  it('keeps an outcome that arrives after the job was declared WorkerDied, as JobRanLate, and sends its webhook', async () => {
    const h = harness({ finishWrites: false, stallAfter: 2 });
    await h.sut.process('j1', 'w', sessions, h.lease);
    expect(h.late).toHaveLength(1);
    expect(h.late[0].error?.type).toBe('JobRanLate');
    expect(h.late[0].retval?.[0].stdout).toBe('ntp server 10.0.0.1: ok\nntp server 10.0.0.2: ok');
    expect(h.webhooks).toEqual([['j1', h.late[0]]]);
    expect(h.ranLate).toEqual(['pinned']);
  });

  it('sends no late webhook when the record was ended some other way (a client stop)', async () => {
    const h = harness({ finishWrites: false, lateKept: false });
    await h.sut.process('j1', 'w', sessions, h.lease);
    expect(h.webhooks).toEqual([]);
    expect(h.ranLate).toEqual([]);
  });
});

describe('lateResult', () => {
  const retval = [{ command: 'x', stdout: 'y', stderr: '', exit_status: 0, metadata: {}, download_url: null, parsed: null }];

  it('says plainly that the job ran and must not be resubmitted blindly, keeping the device output', () => {
    const r = lateResult({ status: 'finished', result: { type: ResultType.Successful, retval, error: null } });
    expect(r).toEqual({ type: ResultType.Failed, retval, error: { type: 'JobRanLate', message: expect.stringContaining('the job went on and ran to its end') } });
    expect(r.error?.message).toContain('Check the device before submitting the job again');
  });

  it('tells a job that stopped at the lease check from one that failed on its own', () => {
    expect(lateResult({ status: 'failed', result: { type: ResultType.Failed, retval, error: { type: 'WorkerLeaseLost', message: '' } } }).error?.message).toContain('stopped when the worker woke up');
    expect(lateResult({ status: 'failed', result: { type: ResultType.Failed, retval, error: { type: 'JobTimeoutException', message: 'Task exceeded' } } }).error?.message).toContain('ended with JobTimeoutException: Task exceeded');
  });
});
