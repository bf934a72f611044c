import type { TakeResult } from '@netpulse/state';
import type { DeviceGuard } from '../sessions/device.guard';
import { WorkerLease } from '../workers/worker-lease';
import { IDLE_MARK_DELAY_MS, PinnedWorker, PinnedWorkerDeps } from './pinned.worker';

/**
 * The pinned worker's take loop over stubbed boundaries: `takes` are the answers of the store's
 * take, in order (an Error is a Redis failure); what the worker then asks of the processor and the pool
 * is recorded.
 */
function harness(takes: (TakeResult | Error)[], opts: { leaseHeld?: boolean } = {}) {
  const tokens: string[] = [];
  const ran: string[] = [];
  const expired: string[] = [];
  const moved: string[] = [];
  const epochs: number[] = [];
  const statuses: string[] = [];
  let now = 0;
  const lease = new WorkerLease(() => now);
  if (opts.leaseHeld ?? true) lease.renewed(lease.mark(), 10_000);
  const deps: PinnedWorkerDeps = {
    guard: {} as DeviceGuard,
    lease,
    logger: { event: () => undefined },
    node: 'n1',
    pins: {
      takeJob: (_host, _node, _worker, token) => {
        tokens.push(token);
        const next = takes.shift() ?? { state: 'empty' };
        return next instanceof Error ? Promise.reject(next) : Promise.resolve(next);
      },
      setPinned: (_node, entry) => (statuses.push(entry.status), Promise.resolve()),
      incrSelfHealing: () => Promise.resolve(),
    },
    processor: {
      runStarted: (job, _worker, _sessions, _lease, epoch) => {
        ran.push(job.id);
        epochs.push(epoch);
        return Promise.resolve('finished');
      },
      expired: (id) => (expired.push(id), Promise.resolve()),
    },
    idleTimeoutMs: 60_000,
    onIdle: () => undefined,
    onMoved: (h) => void moved.push(h),
  };
  const worker = new PinnedWorker('127.17.0.7', deps);
  const settle = async (): Promise<void> => {
    for (let i = 0; i < 20; i++) await new Promise((r) => setImmediate(r));
  };
  return { worker, tokens, ran, expired, moved, epochs, statuses, settle, lease, advance: (ms: number) => (now += ms) };
}

const started = (id: string): TakeResult => ({ state: 'started', id, payload: 'sealed', enqueuedAt: null });

describe('PinnedWorker take loop', () => {
  afterEach(() => jest.useRealTimers());

  it('is named `<node>_HostQ_<host>` and runs jobs in the order taken until none waits', async () => {
    const h = harness([started('a'), started('b'), { state: 'empty' }]);
    expect(h.worker.name).toBe('n1_HostQ_127.17.0.7');
    h.worker.wake();
    await h.settle();
    expect(h.ran).toEqual(['a', 'b']);
    expect(new Set(h.tokens).size).toBe(3);
    await h.worker.stop();
  });

  it('repeats a take whose reply was lost with the same token, so the job it took is run (not lost) and no other is taken', async () => {
    jest.useFakeTimers({ doNotFake: ['setImmediate'] });
    const h = harness([new Error('Connection is closed.'), started('a')]);
    h.worker.wake();
    await h.settle();
    expect(h.ran).toEqual([]);
    jest.advanceTimersByTime(1000);
    await h.settle();
    expect(h.ran).toEqual(['a']);
    expect(h.tokens[0]).toBe(h.tokens[1]);
    await h.worker.stop();
  });

  it('sends the webhook of a job that expired in the queue and goes on with the next', async () => {
    const h = harness([{ state: 'expired', id: 'old', payload: 'sealed' }, started('b')]);
    h.worker.wake();
    await h.settle();
    expect(h.expired).toEqual(['old']);
    expect(h.ran).toEqual(['b']);
    await h.worker.stop();
  });

  it('leaves a device that is pinned to another node now', async () => {
    const h = harness([{ state: 'moved', owner: 'n2' }]);
    h.worker.wake();
    await h.settle();
    expect(h.moved).toEqual(['127.17.0.7']);
    expect(h.ran).toEqual([]);
    await h.worker.stop();
  });

  it('waits out a previous owner\'s lease on a taken-over device, then takes', async () => {
    jest.useFakeTimers({ doNotFake: ['setImmediate'] });
    const h = harness([{ state: 'fenced', waitMs: 1500 }, started('a')]);
    h.worker.wake();
    await h.settle();
    expect(h.ran).toEqual([]);
    jest.advanceTimersByTime(1400);
    await h.settle();
    expect(h.ran).toEqual([]);
    jest.advanceTimersByTime(200);
    await h.settle();
    expect(h.ran).toEqual(['a']);
    await h.worker.stop();
  });

  it('takes nothing without the node lease (a node that stalled past it)', async () => {
    const h = harness([started('a')]);
    h.advance(20_000);
    h.worker.wake();
    await h.settle();
    expect(h.tokens).toEqual([]);
    expect(h.ran).toEqual([]);
    await h.worker.stop();
  });

  it('runs each job under the lease epoch current when it was taken', async () => {
    const h = harness([started('a')]);
    h.worker.wake();
    await h.settle();
    expect(h.epochs).toEqual([h.lease.epoch]);
    await h.worker.stop();
  });

  it('shows itself busy once for jobs that follow each other closely, and idle once the queue stayed dry for a moment', async () => {
    jest.useFakeTimers({ doNotFake: ['setImmediate'] });
    const h = harness([started('a'), { state: 'empty' }, started('b'), { state: 'empty' }]);
    h.worker.wake();
    await h.settle();
    h.worker.wake();
    await h.settle();
    expect(h.ran).toEqual(['a', 'b']);
    expect(h.statuses).toEqual(['busy']);
    jest.advanceTimersByTime(IDLE_MARK_DELAY_MS);
    await h.settle();
    expect(h.statuses).toEqual(['busy', 'idle']);
    await h.worker.stop();
    expect(h.statuses).toEqual(['busy', 'idle']);
  });

  it('writes a pending idle mark before it stops, so no write follows the stop', async () => {
    jest.useFakeTimers({ doNotFake: ['setImmediate'] });
    const h = harness([started('a')]);
    h.worker.wake();
    await h.settle();
    expect(h.statuses).toEqual(['busy']);
    await h.worker.stop();
    expect(h.statuses).toEqual(['busy', 'idle']);
    jest.advanceTimersByTime(IDLE_MARK_DELAY_MS * 2);
    await h.settle();
    expect(h.statuses).toEqual(['busy', 'idle']);
  });
});
