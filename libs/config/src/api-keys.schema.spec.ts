import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseApiKeys, readApiKeysFile, roleAllows } from './api-keys.schema';
import { loadConfig } from './config.loader';

const HASH = 'a'.repeat(64);

describe('named API keys', () => {
  it('accepts entries, normalising the hash', () => {
    expect(parseApiKeys([{ name: 'noc', sha256: `sha256:${'A'.repeat(64)}`, role: 'read' }], 'k')).toEqual({ keys: [{ name: 'noc', sha256: HASH, role: 'read' }], problems: [] });
  });

  it('names every bad field by position', () => {
    const { problems } = parseApiKeys([{ name: 'a', sha256: 'short', role: 'root', key: 'x' }, { name: 'a', sha256: HASH, role: 'read' }, { name: 'a', sha256: HASH, role: 'read' }], 'k');
    expect(problems).toEqual([
      'k[0].sha256 must be the SHA-256 of the key as 64 hex digits (printf %s "$KEY" | sha256sum)',
      'k[0].role must be one of read, operate, admin',
      'k[0].key is not a known field (name, sha256, role)',
      'k[2].name a is used twice',
      'k[2].sha256 is the same key as an earlier entry',
    ]);
  });

  it('stops the config load on a bad entry, from the environment too', () => {
    const env = { NETPULSE_SERVER__API_KEYS: JSON.stringify([{ name: 'x', sha256: HASH, role: 'boss' }]) };
    expect(() => loadConfig({ file: '/nonexistent', env })).toThrow(/server\.api_keys entry\[0\]\.role must be one of read, operate, admin/);
    expect(loadConfig({ file: '/nonexistent', env: { NETPULSE_SERVER__API_KEYS: JSON.stringify([{ name: 'x', sha256: HASH, role: 'admin' }]) } }).server.api_keys).toHaveLength(1);
  });

  it('reads a key file as a list or under api_keys', () => {
    const dir = mkdtempSync(join(tmpdir(), 'np-keys-'));
    writeFileSync(join(dir, 'a.yaml'), `- { name: a, sha256: "${HASH}", role: operate }\n`);
    writeFileSync(join(dir, 'b.json'), JSON.stringify({ api_keys: [{ name: 'b', sha256: HASH, role: 'admin' }] }));
    writeFileSync(join(dir, 'c.yaml'), '- { name: c }\n');
    expect(readApiKeysFile(join(dir, 'a.yaml'))[0].role).toBe('operate');
    expect(readApiKeysFile(join(dir, 'b.json'))[0].name).toBe('b');
    expect(() => readApiKeysFile(join(dir, 'c.yaml'))).toThrow(/c\.yaml\[0\]\.sha256/);
    expect(() => readApiKeysFile(join(dir, 'none.yaml'))).toThrow(/server\.api_keys_file/);
  });

  it('orders the roles read < operate < admin', () => {
    expect(roleAllows('admin', 'read')).toBe(true);
    expect(roleAllows('operate', 'operate')).toBe(true);
    expect(roleAllows('read', 'operate')).toBe(false);
    expect(roleAllows('operate', 'admin')).toBe(false);
  });
});
