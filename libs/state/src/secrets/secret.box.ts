import { createCipheriv, createDecipheriv, createHash, createHmac, randomBytes } from 'node:crypto';

/**
 * Encrypts queued job payloads at rest (AES-256-GCM). The key comes from `security.secret_key` (config,
 * environment or a mounted file), never from Redis. Rotation: seals with the newest key, opens with it
 * or any of `security.previous_secret_keys`. Format: `v1.<iv>.<tag>.<ciphertext>`, base64url parts.
 */
export class SecretBox {
  private readonly key: Buffer;
  private readonly previous: readonly Buffer[];

  /**
   * @param secret   the newest key: every seal uses it
   * @param previous older keys, still accepted when opening (a rotation drains queued payloads)
   */
  constructor(secret: string, previous: readonly string[] = []) {
    this.key = SecretBox.keyOf(secret);
    this.previous = previous.filter((p) => p !== secret).map((p) => SecretBox.keyOf(p));
  }

  private static keyOf(secret: string): Buffer {
    return createHash('sha256').update(secret, 'utf8').digest();
  }

  static generateSecret(): string {
    return randomBytes(32).toString('base64url');
  }

  /**
   * A key for another purpose (e.g. signing download URLs) derived from the same secret, so every app
   * that can open payloads agrees on it without a second secret to distribute.
   */
  deriveKey(purpose: string): Buffer {
    return derive(this.key, purpose);
  }

  /** The same derivation from each previous key (signatures made before a rotation still verify). */
  derivePreviousKeys(purpose: string): Buffer[] {
    return this.previous.map((k) => derive(k, purpose));
  }

  seal(plaintext: string): string {
    const iv = randomBytes(12);
    const cipher = createCipheriv('aes-256-gcm', this.key, iv);
    const body = Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final()]);
    return ['v1', iv.toString('base64url'), cipher.getAuthTag().toString('base64url'), body.toString('base64url')].join('.');
  }

  /** @throws Error when no key (newest, then previous ones) opens it */
  open(sealed: string): string {
    const [v, iv, tag, body] = sealed.split('.');
    if (v !== 'v1' || !iv || !tag || body === undefined) throw new Error('not a sealed payload');
    for (const key of [this.key, ...this.previous]) {
      try {
        const decipher = createDecipheriv('aes-256-gcm', key, Buffer.from(iv, 'base64url'));
        decipher.setAuthTag(Buffer.from(tag, 'base64url'));
        return Buffer.concat([decipher.update(Buffer.from(body, 'base64url')), decipher.final()]).toString('utf8');
      } catch {
        // the next key, if any
      }
    }
    throw new Error('the payload was sealed with a key this process does not have');
  }
}

function derive(key: Buffer, purpose: string): Buffer {
  return createHmac('sha256', key).update(`netpulse:${purpose}`).digest();
}
