import { ParsedKey, utils } from 'ssh2';

/** Key types the simulator can generate for its host keys and tests' client keys. */
export type KeyType = 'ecdsa' | 'ed25519' | 'rsa';

/** An OpenSSH key pair: `privateKey` for a server or client, `publicKey` as an authorized_keys line. */
export interface KeyPair {
  readonly privateKey: string;
  readonly publicKey: string;
}

/**
 * Host keys, made in-process: nothing is read from or written to disk. The default pair (ed25519,
 * plus RSA for older clients) is generated once per process and shared by every device, since
 * parsing keys per device would cost memory a 1,000-device fleet does not need to spend.
 */
export class HostKeyFactory {
  private static shared: readonly ParsedKey[] | undefined;

  static generate(type: KeyType = 'ed25519', comment = 'netpulse-device-sim'): KeyPair {
    const pair =
      type === 'rsa'
        ? utils.generateKeyPairSync('rsa', { bits: 2048, comment })
        : type === 'ecdsa'
          ? utils.generateKeyPairSync('ecdsa', { bits: 256, comment })
          : utils.generateKeyPairSync('ed25519', { comment });
    return { privateKey: pair.private, publicKey: pair.public };
  }

  static defaults(): readonly ParsedKey[] {
    HostKeyFactory.shared ??= [HostKeyFactory.generateParsed('ed25519'), HostKeyFactory.generateParsed('rsa')];
    return HostKeyFactory.shared;
  }

  /**
   * A freshly generated private key, parsed. ssh2 now and then emits a key its own parser refuses
   * (seen for ed25519 under load), so a refused one is simply generated again.
   */
  private static generateParsed(type: KeyType): ParsedKey {
    let last: unknown;
    for (let attempt = 0; attempt < 5; attempt++) {
      try {
        return HostKeyFactory.parse([HostKeyFactory.generate(type).privateKey])[0];
      } catch (err) {
        last = err;
      }
    }
    throw last instanceof Error ? last : new Error(`could not generate a usable ${type} host key`);
  }

  /** Parses private keys, failing with the option name on a key ssh2 cannot read. */
  static parse(keys: readonly string[]): ParsedKey[] {
    return keys.map((text, i) => {
      const parsed = utils.parseKey(text);
      const key = Array.isArray(parsed) ? (parsed as ParsedKey[])[0] : parsed;
      if (key instanceof Error || !key.isPrivateKey()) throw new Error(`hostKeys[${i}] is not a private key ssh2 can read`);
      return key;
    });
  }
}
