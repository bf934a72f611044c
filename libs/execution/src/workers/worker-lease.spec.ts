import { WorkerLease } from './worker-lease';

describe('WorkerLease', () => {
  let now = 0;
  const lease = (): WorkerLease => new WorkerLease(() => now);
  beforeEach(() => (now = 1000));

  it('is not held before a first renewal', () => {
    expect(lease().held()).toBe(false);
  });

  it('runs from the moment the renewal was sent, not when its answer came', () => {
    const l = lease();
    const sent = l.mark();
    now += 400; // a slow answer
    l.renewed(sent, 1000);
    now = 1999;
    expect(l.held()).toBe(true);
    now = 2000;
    expect(l.held()).toBe(false);
  });

  it('a worker that stalled past its lease finds it lost on waking, before any renewal runs', () => {
    const l = lease();
    l.renewed(l.mark(), 1000);
    now += 15_000; // SIGSTOP … SIGCONT
    expect(l.held()).toBe(false);
  });

  it('a renewal sent after the lease ran out starts a new epoch: a job of the old epoch stays fenced', () => {
    const l = lease();
    l.renewed(l.mark(), 1000);
    const jobEpoch = l.epoch;
    now += 5000;
    l.renewed(l.mark(), 1000);
    expect(l.held()).toBe(true);
    expect(l.held(jobEpoch)).toBe(false);
    expect(l.held(l.epoch)).toBe(true);
  });

  it('renewals in time keep the epoch; a refused renewal loses the lease at once', () => {
    const l = lease();
    l.renewed(l.mark(), 1000);
    const epoch = l.epoch;
    now += 500;
    l.renewed(l.mark(), 1000);
    expect(l.held(epoch)).toBe(true);
    l.lost();
    expect(l.held()).toBe(false);
  });
});
