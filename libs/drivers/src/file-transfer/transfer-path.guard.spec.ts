import { mkdirSync, mkdtempSync, rmSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { absoluteLocal, assertInsideRoots, localJoin, remoteBasename, remoteJoin, safeName, TransferPathError } from './transfer-path.guard';

describe('transfer path guard', () => {
  it('accepts plain names and refuses names that leave the directory', () => {
    expect(safeName('a.txt', 'x')).toBe('a.txt');
    expect(safeName('..a', 'x')).toBe('..a');
    for (const bad of ['', '.', '..', 'a/b', '../x', 'a\\b', 'a\0b']) expect(() => safeName(bad, 'server listing')).toThrow(TransferPathError);
    expect(() => localJoin('/staging', '..', 'remote path /x/..')).toThrow('Refusing unsafe file name ".." from remote path /x/..');
  });

  it('requires absolute local paths without ..', () => {
    expect(absoluteLocal('/staging//a/./b', 'local_path')).toBe('/staging/a/b');
    expect(() => absoluteLocal('a/b', 'local_path')).toThrow('local_path must be an absolute path');
    expect(() => absoluteLocal('/staging/../etc/passwd', 'local_path')).toThrow("local_path must not contain '..'");
  });

  it('derives remote names', () => {
    expect(remoteBasename('/var/log/syslog')).toBe('syslog');
    expect(remoteBasename('/var/log/')).toBe('log');
    expect(remoteBasename('file')).toBe('file');
    expect(remoteJoin('/tmp/', 'a')).toBe('/tmp/a');
    expect(remoteJoin('/tmp', 'a')).toBe('/tmp/a');
  });

  describe('roots', () => {
    let dir: string;
    beforeAll(() => {
      dir = mkdtempSync(join(tmpdir(), 'np-guard-'));
      mkdirSync(join(dir, 'staging'));
      symlinkSync('/etc', join(dir, 'staging', 'escape'));
    });
    afterAll(() => rmSync(dir, { recursive: true, force: true }));

    it('allows paths inside a root, including ones not created yet, and refuses symlink escapes', async () => {
      const roots = [join(dir, 'staging')];
      await expect(assertInsideRoots(join(dir, 'staging', 'new', 'file'), roots, 'local_path')).resolves.toBeUndefined();
      await expect(assertInsideRoots(join(dir, 'staging'), roots, 'local_path')).resolves.toBeUndefined();
      await expect(assertInsideRoots(join(dir, 'staging-other'), roots, 'local_path')).rejects.toThrow('outside the allowed local directories');
      await expect(assertInsideRoots(join(dir, 'staging', 'escape', 'passwd'), roots, 'local_path')).rejects.toThrow(TransferPathError);
      await expect(assertInsideRoots('/etc/passwd', null, 'local_path')).resolves.toBeUndefined();
    });
  });
});
