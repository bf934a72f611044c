import { randomBytes } from 'node:crypto';
import { link, mkdir, open, readFile, unlink } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';

/** Where a development process keeps its generated `security.secret_key` (the file `npm start` uses too). */
export const DEV_SECRET_KEY_FILE = join('.netpulse', 'secret-key');

/**
 * Reads the key in `path`, creating it first (a fresh random key, mode 0600) when it does not exist.
 * Several processes starting at once agree: the key is written to a private temporary file and then
 * hard-linked to `path`, which fails when the name exists, so exactly one creator wins and nobody
 * ever reads a half-written file; the losers read the winner's key.
 * @returns the key and whether this call created the file
 * @throws Error when the file exists but holds no key, or cannot be read or created
 */
export async function readOrCreateKeyFile(path: string): Promise<{ key: string; created: boolean }> {
  const file = resolve(path);
  const existing = await readKey(file);
  if (existing !== null) return { key: existing, created: false };
  await mkdir(dirname(file), { recursive: true, mode: 0o700 });
  const tmp = `${file}.${process.pid}.${randomBytes(6).toString('hex')}.tmp`;
  const handle = await open(tmp, 'wx', 0o600);
  let created = false;
  try {
    await handle.writeFile(`${randomBytes(32).toString('base64url')}\n`);
    await handle.sync();
    await handle.close();
    try {
      await link(tmp, file);
      created = true;
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
    }
  } finally {
    await handle.close().catch(() => undefined);
    await unlink(tmp).catch(() => undefined);
  }
  const key = await readKey(file);
  if (key === null) throw new Error(`${file} holds no key`);
  return { key, created };
}

async function readKey(file: string): Promise<string | null> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw new Error(`${file} cannot be read: ${(err as NodeJS.ErrnoException).code ?? String(err)}`);
  }
  const line = text.split('\n').map((l) => l.trim()).find((l) => l !== '');
  if (line === undefined) throw new Error(`${file} holds no key: delete it to have a new one generated`);
  return line;
}
