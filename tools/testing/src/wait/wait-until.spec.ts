import { waitUntil } from './wait-until';

describe('waitUntil', () => {
  it('resolves to the first truthy value the probe returns', async () => {
    let n = 0;
    await expect(waitUntil('the third probe', () => (++n >= 3 ? n : 0), { intervalMs: 1 })).resolves.toBe(3);
  });

  it('fails on timeout, naming what it waited for and the last value', async () => {
    await expect(waitUntil('the queue is empty', () => 0, { timeoutMs: 30, intervalMs: 5 })).rejects.toThrow(/timed out after 30 ms waiting until the queue is empty \(last value: 0\)/);
  });

  it('keeps polling through probe errors and reports the last one', async () => {
    await expect(
      waitUntil(
        'Redis answers',
        () => {
          throw new Error('ECONNREFUSED');
        },
        { timeoutMs: 20, intervalMs: 5 },
      ),
    ).rejects.toThrow(/last error: ECONNREFUSED/);
  });
});
