import { ParsedKey, PublicKeyAuthContext, utils } from 'ssh2';

/** The public keys a device accepts, as an OpenSSH `authorized_keys` file would hold them. */
export class AuthorizedKeys {
  private readonly keys: readonly ParsedKey[];

  constructor(lines: readonly string[]) {
    this.keys = lines.map((line, i) => {
      const parsed = utils.parseKey(line);
      const key = Array.isArray(parsed) ? (parsed as ParsedKey[])[0] : parsed;
      if (key instanceof Error) throw new Error(`authorizedKeys[${i}] is not a public key ssh2 can read: ${key.message}`);
      return key;
    });
  }

  /**
   * Whether the offered key is authorized and, when the client signed, the signature is good. A
   * client first asks about a key without signing; that query is answered yes for a listed key.
   */
  accepts(ctx: PublicKeyAuthContext): boolean {
    const key = this.keys.find((k) => k.getPublicSSH().equals(ctx.key.data));
    if (!key) return false;
    if (!ctx.signature || !ctx.blob) return true;
    return key.verify(ctx.blob, ctx.signature, ctx.hashAlgo);
  }
}
