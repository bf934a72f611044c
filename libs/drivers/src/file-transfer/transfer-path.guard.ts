import { realpath } from 'node:fs/promises';
import { dirname, isAbsolute, join, normalize, sep } from 'node:path';

/** A path the transfer must not use; reported as the transfer result's stderr. */
export class TransferPathError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'TransferPathError';
  }
}

/**
 * A file name the caller did not choose (a remote basename, a directory entry sent by the server)
 * about to be joined to a local directory: it must stay one component, so a hostile server cannot
 * write outside the staging area.
 */
export function safeName(name: string, origin: string): string {
  if (name === '' || name === '.' || name === '..' || /[/\\\0]/.test(name)) {
    throw new TransferPathError(`Refusing unsafe file name ${JSON.stringify(name)} from ${origin}`);
  }
  return name;
}

/** A local path from the request: absolute and without `..` components, normalised. */
export function absoluteLocal(path: string, field: string): string {
  if (!isAbsolute(path)) throw new TransferPathError(`${field} must be an absolute path, got ${JSON.stringify(path)}`);
  if (path.split(/[/\\]/).includes('..')) throw new TransferPathError(`${field} must not contain '..'`);
  return normalize(path);
}

/**
 * Checks that `path` (resolved through symlinks, as far as it exists) lies inside one of `roots`;
 * `field` names it in the error. No roots: no restriction.
 */
export async function assertInsideRoots(path: string, roots: readonly string[] | null | undefined, field: string): Promise<void> {
  if (!roots || roots.length === 0) return;
  const real = await realExisting(path);
  for (const root of roots) {
    const r = await realExisting(normalize(root));
    if (real === r || real.startsWith(r.endsWith(sep) ? r : r + sep)) return;
  }
  throw new TransferPathError(`${field} ${JSON.stringify(path)} is outside the allowed local directories`);
}

/** realpath of the longest existing prefix, with the rest appended. */
async function realExisting(path: string): Promise<string> {
  try {
    return await realpath(path);
  } catch {
    const parent = dirname(path);
    if (parent === path) return path;
    return join(await realExisting(parent), path.slice(parent.length + (parent.endsWith(sep) ? 0 : 1)));
  }
}

/** The last component of a remote path, trailing slashes ignored. */
export function remoteBasename(remotePath: string): string {
  const trimmed = remotePath.replace(/\/+$/, '');
  return trimmed.slice(trimmed.lastIndexOf('/') + 1);
}

/** Joins a remote directory and one name with exactly one `/`. */
export function remoteJoin(dir: string, name: string): string {
  return dir.endsWith('/') ? `${dir}${name}` : `${dir}/${name}`;
}

export function localJoin(dir: string, name: string, origin: string): string {
  return join(dir, safeName(name, origin));
}
