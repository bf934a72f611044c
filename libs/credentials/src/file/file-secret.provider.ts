import { lstat, readFile, readdir, realpath, stat } from 'node:fs/promises';
import { join, sep } from 'node:path';
import type { CredentialProvider } from '../core/credential-provider';
import { CredentialError } from '../core/credential.error';
import type { CredentialRef } from '../core/credential-ref';
import { mergeSecretFields } from '../core/secret-fields.merger';

/** Largest secret file read, bytes: a credential is small; anything bigger is not one. */
const MAX_FIELD_BYTES = 64 * 1024;

export interface FileSecretSettings {
  /** The directory holding one folder per reference (`<file_root>/<ref>/<field>`); null: provider off. */
  readonly file_root: string | null;
}

/**
 * Secrets from files, laid out the way Kubernetes mounts a Secret: `<file_root>/<ref>/` holds one file
 * per field (`username`, `password`, `pkey`, ...), its content the value (a trailing newline dropped).
 * Kubernetes' `..data` symlinks are followed but every file must resolve inside `file_root`.
 */
export class FileSecretProvider implements CredentialProvider {
  readonly name = 'file';

  constructor(private readonly settings: FileSecretSettings) {}

  check(ref: CredentialRef): string | null {
    if (!this.settings.file_root) return 'The file credential provider needs credential.file_root';
    if (ref.version !== null) return 'The file credential provider keeps one version of a secret: leave credential.version out';
    return null;
  }

  async resolve(ref: CredentialRef, connectionArgs: Readonly<Record<string, unknown>>): Promise<Record<string, unknown>> {
    const problem = this.check(ref);
    if (problem) throw new CredentialError('request', problem);
    const root = await realpath(this.settings.file_root as string).catch(() => {
      throw new CredentialError('resolve', 'The credential directory (credential.file_root) is not readable');
    });
    const dir = await this.inside(root, join(root, ref.ref), ref);
    if (!(await stat(dir)).isDirectory()) throw notFound(ref);
    const secret: Record<string, string> = {};
    for (const name of await readdir(dir)) {
      if (name.startsWith('.')) continue; // Kubernetes' ..data and timestamped folders
      const file = await this.inside(root, join(dir, name), ref);
      const info = await stat(file);
      if (!info.isFile()) continue;
      if (info.size > MAX_FIELD_BYTES) throw new CredentialError('resolve', `Credential ${ref.ref}: field ${name} is larger than ${MAX_FIELD_BYTES} bytes`);
      secret[name] = (await readFile(file, 'utf8')).replace(/\r?\n$/, '');
    }
    if (Object.keys(secret).length === 0) throw notFound(ref);
    return mergeSecretFields(secret, ref, connectionArgs);
  }

  /** The real path of `path`, which must exist and lie inside `root` (symlinks included). */
  private async inside(root: string, path: string, ref: CredentialRef): Promise<string> {
    await lstat(path).catch(() => {
      throw notFound(ref);
    });
    const real = await realpath(path).catch(() => {
      throw notFound(ref);
    });
    if (real !== root && !real.startsWith(root + sep)) throw notFound(ref);
    return real;
  }
}

function notFound(ref: CredentialRef): CredentialError {
  return new CredentialError('resolve', `Credential not found: ${ref.ref}`);
}
