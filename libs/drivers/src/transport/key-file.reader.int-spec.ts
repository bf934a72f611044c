import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { KeyFileError, MAX_KEY_FILE_BYTES, keyFileRefusal, readKeyFile } from './key-file.reader';

describe('key files named by requests (real file system)', () => {
  let dir: string;
  let root: string;
  const field = 'connection_args.key_filename';
  const unusable = `${field}: the file cannot be used (a readable regular file of at most ${MAX_KEY_FILE_BYTES} bytes inside security.key_root is needed)`;

  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'np-keys-'));
    root = join(dir, 'keys');
    mkdirSync(join(root, 'sub'), { recursive: true });
    writeFileSync(join(root, 'id_ed25519'), 'KEY-TEXT');
    writeFileSync(join(root, 'big'), 'x'.repeat(MAX_KEY_FILE_BYTES + 1));
    writeFileSync(join(dir, 'outside'), 'NOT-FOR-REQUESTS');
    symlinkSync(join(dir, 'outside'), join(root, 'escape'));
    execFileSync('mkfifo', [join(root, 'fifo')]);
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('refuses every file when security.key_root is not set, from the text alone', async () => {
    expect(keyFileRefusal(null, '/etc/shadow', field)).toBe(`${field}: key files are disabled on this server (security.key_root is not set); send the key inline (pkey)`);
    await expect(readKeyFile(null, join(root, 'id_ed25519'), field)).rejects.toBeInstanceOf(KeyFileError);
    expect(keyFileRefusal(null, null, field)).toBeNull();
  });

  it('refuses a path outside the root as written, without looking at the file system', () => {
    for (const p of ['/etc/shadow', '../outside', 'sub/../../outside', root, 'a\0b']) expect(keyFileRefusal(root, p, field)).toBe(`${field}: the file must be inside security.key_root`);
    expect(keyFileRefusal(root, 'id_ed25519', field)).toBeNull();
    expect(keyFileRefusal(root, join(root, 'sub', 'x'), field)).toBeNull();
  });

  it('reads a regular file inside the root, relative or absolute', async () => {
    await expect(readKeyFile(root, 'id_ed25519', field)).resolves.toEqual(Buffer.from('KEY-TEXT'));
    await expect(readKeyFile(root, join(root, 'id_ed25519'), field)).resolves.toEqual(Buffer.from('KEY-TEXT'));
  });

  it('answers a missing file, a folder, a link out, an oversized file and a FIFO the same way (no oracle), at once', async () => {
    const started = Date.now();
    const messages = await Promise.all(['missing', 'sub', 'escape', 'big', 'fifo'].map((p) => readKeyFile(root, p, field).then(() => 'read', (e: Error) => e.message)));
    expect(messages).toEqual([unusable, unusable, unusable, unusable, unusable]);
    expect(Date.now() - started).toBeLessThan(2000);
  });
});
