import type { TestSession } from '../env/test-session';

export default async function globalTeardown(): Promise<void> {
  // Only the session this jest started; a shared one is stopped by the wrapper that started it.
  await (globalThis as { netpulseTestSession?: TestSession }).netpulseTestSession?.stop();
}
