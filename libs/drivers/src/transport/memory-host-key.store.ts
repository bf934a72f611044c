import type { HostKeyStore } from './host-key.store';

/** A process-local HostKeyStore, for tests and single-process tools. */
export class MemoryHostKeyStore implements HostKeyStore {
  private readonly keys = new Map<string, string>();

  get(hostPort: string): Promise<string | null> {
    return Promise.resolve(this.keys.get(hostPort) ?? null);
  }

  put(hostPort: string, fingerprint: string): Promise<void> {
    this.keys.set(hostPort, fingerprint);
    return Promise.resolve();
  }
}
