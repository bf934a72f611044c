import { setTimeout as sleep } from 'node:timers/promises';

/** How long `waitUntil` polls and how often. */
export interface WaitUntilOptions {
  /** Give up after this long (default 5000 ms). */
  timeoutMs?: number;
  /** Pause between two probes (default 50 ms). */
  intervalMs?: number;
}

/**
 * Polls `probe` until it returns a truthy value and resolves to that value. On timeout it throws an
 * error naming `what` and the last value the probe returned (or the last error it threw), so a test
 * that waits for something that never happens fails there, with a message, instead of carrying on.
 */
export async function waitUntil<T>(what: string, probe: () => T | Promise<T>, options: WaitUntilOptions = {}): Promise<T> {
  const timeoutMs = options.timeoutMs ?? 5000;
  const intervalMs = options.intervalMs ?? 50;
  const deadline = Date.now() + timeoutMs;
  let last: { value?: T; error?: unknown } = {};
  for (;;) {
    try {
      const value = await probe();
      if (value) return value;
      last = { value };
    } catch (error) {
      last = { error };
    }
    if (Date.now() >= deadline) {
      const seen = 'error' in last ? `last error: ${last.error instanceof Error ? last.error.message : String(last.error)}` : `last value: ${describe(last.value)}`;
      throw new Error(`timed out after ${timeoutMs} ms waiting until ${what} (${seen})`);
    }
    await sleep(Math.min(intervalMs, Math.max(0, deadline - Date.now())));
  }
}

function describe(value: unknown): string {
  try {
    const text = JSON.stringify(value);
    return text === undefined ? String(value) : text.length > 200 ? `${text.slice(0, 200)}…` : text;
  } catch {
    return String(value);
  }
}
