import type { LeaderLock } from '@netpulse/state';
import { LeaderLoop } from './leader.loop';

/** A lock whose leadership the test decides; counts releases. */
function lockStub(leads: () => boolean): LeaderLock & { released: number } {
  const stub = {
    released: 0,
    hold: async () => leads(),
    release: async () => {
      stub.released++;
    },
  };
  return stub as unknown as LeaderLock & { released: number };
}

describe('LeaderLoop', () => {
  it('runs a pass only while this process holds the lock', async () => {
    let leader = false;
    let passes = 0;
    const loop = new LeaderLoop(lockStub(() => leader), 1000, async () => void passes++, () => undefined);
    await loop.tick();
    expect(passes).toBe(0);
    leader = true;
    await loop.tick();
    expect(passes).toBe(1);
  });

  it('never overlaps two passes: a tick during a slow pass does nothing', async () => {
    let release!: () => void;
    let passes = 0;
    const loop = new LeaderLoop(lockStub(() => true), 1000, () => {
      passes++;
      return new Promise<void>((r) => (release = r));
    }, () => undefined);
    const first = loop.tick();
    await new Promise(setImmediate);
    await loop.tick();
    expect(passes).toBe(1);
    release();
    await first;
    const second = loop.tick();
    await new Promise(setImmediate);
    release();
    await second;
    expect(passes).toBe(2);
  });

  it('hands a failed pass (or a failed lock) to onError and keeps going', async () => {
    const errors: unknown[] = [];
    let fail = true;
    let passes = 0;
    const loop = new LeaderLoop(lockStub(() => true), 1000, async () => {
      passes++;
      if (fail) throw new Error('redis went away');
    }, (err) => errors.push(err));
    await expect(loop.tick()).resolves.toBeUndefined();
    expect(errors).toEqual([new Error('redis went away')]);
    fail = false;
    await loop.tick();
    expect(passes).toBe(2);
    const broken = new LeaderLoop(lockStub(() => {
      throw new Error('lock script failed');
    }), 1000, async () => void passes++, (err) => errors.push(err));
    await broken.tick();
    expect(errors).toHaveLength(2);
    expect(passes).toBe(2);
  });

  it('ticks on its interval once started and gives the lock up when stopped', async () => {
    jest.useFakeTimers();
    try {
      const lock = lockStub(() => true);
      let passes = 0;
      const loop = new LeaderLoop(lock, 1000, async () => void passes++, () => undefined);
      loop.start();
      await jest.advanceTimersByTimeAsync(3000);
      expect(passes).toBe(3);
      await loop.stop();
      await jest.advanceTimersByTimeAsync(3000);
      expect(passes).toBe(3);
      expect(lock.released).toBe(1);
    } finally {
      jest.useRealTimers();
    }
  });
});
