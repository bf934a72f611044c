import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { readdir } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { readOrCreateKeyFile } from './secret-key.file';

describe('development secret key file', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'np-keyfile-'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('creates the key once, mode 0600, and every concurrent caller reads the same key', async () => {
    const file = join(dir, '.netpulse', 'secret-key');
    const results = await Promise.all(Array.from({ length: 12 }, () => readOrCreateKeyFile(file)));
    expect(results.filter((r) => r.created)).toHaveLength(1);
    expect(new Set(results.map((r) => r.key)).size).toBe(1);
    expect(results[0]?.key).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(readFileSync(file, 'utf8').trim()).toBe(results[0]?.key);
    expect(statSync(file).mode & 0o777).toBe(0o600);
    // No temporary file is left beside it.
    expect(await readdir(join(dir, '.netpulse'))).toEqual(['secret-key']);
  });

  it('reads an existing key (first non-empty line) and refuses an empty file', async () => {
    const file = join(dir, 'secret-key');
    writeFileSync(file, '\n  kept-key  \nolder\n');
    await expect(readOrCreateKeyFile(file)).resolves.toEqual({ key: 'kept-key', created: false });
    writeFileSync(file, '\n\n');
    await expect(readOrCreateKeyFile(file)).rejects.toThrow(`${file} holds no key`);
  });

});
