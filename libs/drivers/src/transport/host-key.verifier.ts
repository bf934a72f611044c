import { createHash } from 'node:crypto';
import type { HostKeyStore } from './host-key.store';

/** `connection_args.host_key_policy`. */
export type HostKeyPolicy = 'auto_add' | 'reject' | 'warning';

export interface HostKeyVerifierOptions {
  policy: HostKeyPolicy;
  /**
   * Remembered keys. Without a store nothing is remembered: `auto_add` and `warning` accept any key
   * and `reject` refuses every host (as paramiko's RejectPolicy with no known_hosts loaded).
   */
  store?: HostKeyStore;
  /** Receives the message when policy `warning` accepts a key it does not know. */
  onWarning?: (message: string) => void;
}

/** The OpenSSH fingerprint of a raw (wire-format) public key: `SHA256:<base64, no padding>`. */
export function hostKeyFingerprint(key: Buffer): string {
  return `SHA256:${createHash('sha256').update(key).digest('base64').replace(/=+$/, '')}`;
}

/** The key's algorithm name, the first string of the wire format (`ssh-ed25519`, ...). */
export function hostKeyType(key: Buffer): string {
  if (key.length < 4) return 'unknown';
  const len = key.readUInt32BE(0);
  return len > 0 && len < 64 && key.length >= 4 + len ? key.subarray(4, 4 + len).toString('latin1') : 'unknown';
}

/**
 * Trust on first use per `host:port` (docs/compatibility.md: SSH host keys remembered on first use). A changed key is refused under every policy,
 * as paramiko raises BadHostKeyException whatever the missing-key policy: the policies only decide
 * what happens to a key never seen before.
 */
export class HostKeyVerifier {
  constructor(private readonly opts: HostKeyVerifierOptions) {}

  /** Resolves null to accept `key` for `host:port`, or the reason to refuse it. */
  async check(host: string, port: number, key: Buffer): Promise<string | null> {
    const id = `${host}:${port}`;
    const seen = hostKeyFingerprint(key);
    const type = hostKeyType(key);
    let known: string | null = null;
    if (this.opts.store) {
      try {
        known = await this.opts.store.get(id);
      } catch (err) {
        // Fail closed: accepting an unchecked key would defeat the store's purpose.
        return `Could not check the host key of ${id}: the host key store failed (${messageOf(err)})`;
      }
    }
    if (known !== null) {
      if (known === seen) return null;
      return (
        `Host key verification failed for ${id}: the host key has changed (remembered ${known}, server sent ${type} ${seen}). ` +
        'The host may have been reinstalled, or the connection may be intercepted; remove the remembered key to accept the new one.'
      );
    }
    switch (this.opts.policy) {
      case 'reject':
        return `Host key verification failed for ${id}: unknown host key ${type} ${seen} and host_key_policy is 'reject'`;
      case 'auto_add':
        if (this.opts.store) {
          try {
            await this.opts.store.put(id, seen);
          } catch (err) {
            return `Could not remember the host key of ${id}: the host key store failed (${messageOf(err)})`;
          }
        }
        return null;
      case 'warning':
        this.opts.onWarning?.(`Unknown host key for ${id}: ${type} ${seen} (accepted by host_key_policy 'warning', not remembered)`);
        return null;
    }
  }
}

function messageOf(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}
