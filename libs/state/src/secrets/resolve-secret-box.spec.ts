import { mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { MISSING_SECRET_KEY, resolveSecretBox } from '../state.module';
import { SecretBox } from './secret.box';

describe('resolveSecretBox', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'np-keyfile-'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('resolveSecretBox: a configured key wins, development falls back to the file, production refuses', async () => {
    const file = join(dir, 'k');
    const warnings: string[] = [];
    const warn = (m: string): void => void warnings.push(m);
    const configured = await resolveSecretBox({ secret_key: 'cfg', previous_secret_keys: [] }, 'development', warn, file);
    expect(new SecretBox('cfg').open(configured.seal('x'))).toBe('x');
    expect(warnings).toEqual([]);

    const dev = await resolveSecretBox({ secret_key: null, previous_secret_keys: [] }, 'development', warn, file);
    const key = readFileSync(file, 'utf8').trim();
    expect(new SecretBox(key).open(dev.seal('y'))).toBe('y');
    expect(warnings[0]).toContain(`generated a key into ${file}`);
    expect(warnings[0]).not.toContain(key);
    const again = await resolveSecretBox({ secret_key: null, previous_secret_keys: [] }, 'development', warn, file);
    expect(again.open(dev.seal('z'))).toBe('z');
    expect(warnings[1]).toContain(`using the key kept in ${file}`);

    await expect(resolveSecretBox({ secret_key: null, previous_secret_keys: [] }, 'production', warn, join(dir, 'other'))).rejects.toThrow(MISSING_SECRET_KEY);
    expect(() => statSync(join(dir, 'other'))).toThrow();
  });
});
