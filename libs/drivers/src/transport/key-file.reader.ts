import { constants } from 'node:fs';
import { open, realpath } from 'node:fs/promises';
import { isAbsolute, relative, resolve, sep } from 'node:path';

/** A key file a request names could not be used; nothing was sent to the device. */
export class KeyFileError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'KeyFileError';
  }
}

/** Largest key, certificate or CA file read for a request, bytes. */
export const MAX_KEY_FILE_BYTES = 64 * 1024;

/** Request fields (of `connection_args`) that name a file on the worker: keys, certificates, CAs. */
export const KEY_FILE_FIELDS: readonly string[] = ['key_filename', 'proxy_key_filename', 'key_file', 'cert_file', 'ca_file'];

/**
 * Why a request's file field is refused before anything is read, from the text alone (no file-system
 * access, so the answer says nothing about what exists): files are disabled without
 * `security.key_root`, and a path must stay inside it. Null when the path may be tried.
 */
export function keyFileRefusal(root: string | null | undefined, path: unknown, field: string): string | null {
  if (path === null || path === undefined || path === '') return null;
  if (!root) return `${field}: key files are disabled on this server (security.key_root is not set); send the key inline (pkey)`;
  if (typeof path !== 'string' || path.includes('\0') || !within(resolve(root), resolve(root, path))) {
    return `${field}: the file must be inside security.key_root`;
  }
  return null;
}

/** The refusals of every file field of `connection_args` (see {@link keyFileRefusal}), in field order. */
export function keyFileRefusals(root: string | null | undefined, args: Readonly<Record<string, unknown>>): string[] {
  return KEY_FILE_FIELDS.map((f) => keyFileRefusal(root, args[f], `connection_args.${f}`)).filter((r): r is string => r !== null);
}

/**
 * Reads a key (or certificate) file a request names, only from inside `security.key_root`: the path
 * as written and after links are resolved must stay inside; only a regular file of at most
 * MAX_KEY_FILE_BYTES is read, asynchronously, opened without blocking (a FIFO or device node never
 * holds a worker). Every failure reads the same, so the answer is no oracle of what exists.
 * @throws KeyFileError naming the field only
 */
export async function readKeyFile(root: string | null | undefined, path: string, field: string): Promise<Buffer> {
  const refused = keyFileRefusal(root, path, field);
  if (refused) throw new KeyFileError(refused);
  const unusable = (): KeyFileError => new KeyFileError(`${field}: the file cannot be used (a readable regular file of at most ${MAX_KEY_FILE_BYTES} bytes inside security.key_root is needed)`);
  const base = resolve(root ?? '');
  let handle;
  try {
    const [realRoot, real] = await Promise.all([realpath(base), realpath(resolve(base, path))]);
    if (!within(realRoot, real)) throw unusable();
    handle = await open(real, constants.O_RDONLY | constants.O_NONBLOCK | constants.O_NOFOLLOW);
    const info = await handle.stat();
    if (!info.isFile() || info.size > MAX_KEY_FILE_BYTES) throw unusable();
    const data = await handle.readFile();
    if (data.length > MAX_KEY_FILE_BYTES) throw unusable();
    return data;
  } catch {
    throw unusable();
  } finally {
    await handle?.close().catch(() => undefined);
  }
}

function within(root: string, candidate: string): boolean {
  const rel = relative(root, candidate);
  return rel !== '' && rel !== '..' && !rel.startsWith(`..${sep}`) && !isAbsolute(rel);
}
