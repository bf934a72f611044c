import { ProbeHandler } from '../http/probe.handler';
import { EventLoopLagMonitor } from './event-loop-lag.monitor';
import { setTimeout as sleep } from 'node:timers/promises';

describe('EventLoopLagMonitor', () => {
  const block = (ms: number): void => {
    const until = Date.now() + ms;
    while (Date.now() < until) {
      // Holding the event loop on purpose.
    }
  };

  it('records how late its timer fires and reports the worst recent lag', async () => {
    const observed: number[] = [];
    const sut = new EventLoopLagMonitor((s) => observed.push(s), { intervalMs: 20, windowMs: 60_000 }).start();
    try {
      await sleep(50);
      block(300);
      await sleep(50);
      // The timer was due during the 300 ms block: about 300 - 20 ms late at least (no upper bound
      // asserted; the block is timed by the wall clock, the lag by the monotonic one, so allow slack).
      expect(Math.max(...observed)).toBeGreaterThanOrEqual(0.25);
      expect(sut.worstRecentLag()).toBeGreaterThanOrEqual(0.25);
    } finally {
      sut.stop();
    }
  });

  it('forgets lags older than its window', async () => {
    const sut = new EventLoopLagMonitor(() => undefined, { intervalMs: 10, windowMs: 100 }).start();
    try {
      block(1000);
      await sleep(30);
      expect(sut.worstRecentLag()).toBeGreaterThanOrEqual(0.98);
      await sleep(400);
      // The 1 s lag is out of the 100 ms window (a loaded machine may add a smaller one meanwhile).
      expect(sut.worstRecentLag()).toBeLessThan(0.9);
    } finally {
      sut.stop();
    }
  });

  it('makes /readyz answer 503 naming metrics.max_event_loop_lag while the lag is over it', async () => {
    let lag = 2.5;
    const sut = new ProbeHandler({ eventLoop: { worstRecentLag: () => lag }, maxEventLoopLag: 1, ready: () => true });
    const slow = await sut.respond('/readyz');
    expect(slow?.status).toBe(503);
    expect(JSON.parse(slow?.body ?? '{}')).toEqual({ reason: 'event loop lag 2.50 s is over metrics.max_event_loop_lag (1 s)', status: 'not ready' });
    lag = 0.01;
    expect((await sut.respond('/readyz'))?.status).toBe(200);
  });
});
