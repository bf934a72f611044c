/**
 * Where remembered SSH host keys live (docs/compatibility.md: SSH host keys remembered on first use). Keys are `host:port` as the client named the
 * host; values are OpenSSH-style fingerprints (`SHA256:<base64 without padding>`). The worker's
 * Redis-backed store and the in-memory one used by tests implement it.
 */
export interface HostKeyStore {
  /** The fingerprint remembered for `hostPort`, or null if the host was never seen. */
  get(hostPort: string): Promise<string | null>;
  /** Remembers `fingerprint` for `hostPort` (first use, policy `auto_add`). */
  put(hostPort: string, fingerprint: string): Promise<void>;
}
