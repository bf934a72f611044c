import { AppConfig, defaultConfig } from '@netpulse/config';
import type { AppLogger } from '@netpulse/observability';
import { strictStub } from '@netpulse/testing';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, symlinkSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { text } from 'node:stream/consumers';
import { StagedFilesStore } from './staged-files.store';
import { StagingRetentionService } from './staging-retention.service';

describe('StagedFilesStore and StagingRetentionService (a temporary staging directory)', () => {
  let dir: string;
  let config: AppConfig;
  let sut: StagedFilesStore;

  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'netpulse-staging-'));
    const cfg = defaultConfig();
    config = { value: { ...cfg, storage: { ...cfg.storage, staging: join(dir, 'staging'), retention_hours: 2 } } };
    sut = new StagedFilesStore(config);
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  const hoursAgo = (path: string, h: number): void => {
    const t = new Date(Date.now() - h * 3600_000);
    utimesSync(path, t, t);
  };

  it('streams an upload to a fresh sanitised name, and removes only a name it could have made', async () => {
    const path = await sut.writeUpload(Readable.from(['hello ', 'world']), '../../etc/pass wd');
    expect(readFileSync(path, 'utf8')).toBe('hello world');
    expect(path).toMatch(/\/[0-9a-f]{8}_pass_wd$/);
    const other = join(sut.layout.root, 'not-an-upload');
    writeFileSync(other, 'x');
    await sut.removeUpload(other);
    expect(existsSync(other)).toBe(true);
    await sut.removeUpload(path);
    expect(existsSync(path)).toBe(false);
  });

  it('leaves no partial file when the upload stream fails', async () => {
    const failing = new Readable({
      read() {
        this.push('part');
        this.destroy(new Error('client went away'));
      },
    });
    await expect(sut.writeUpload(failing, 'f.bin')).rejects.toThrow('client went away');
    expect(listDir(sut.layout.root)).toEqual([]);
  });

  it('opens a downloaded file, and refuses paths that climb out or links that lead out of downloads/', async () => {
    const jobDir = sut.layout.downloadDir('job-1');
    mkdirSync(jobDir, { recursive: true });
    writeFileSync(join(jobDir, 'show.txt'), 'output');
    const file = await sut.openDownload(['dl_job-1', 'show.txt']);
    if (file.kind !== 'file') throw new Error(`expected a file, got ${file.kind}`);
    expect(file).toMatchObject({ size: 6, name: 'show.txt' });
    expect(await text(file.stream)).toBe('output');
    writeFileSync(join(dir, 'secret'), 's');
    symlinkSync(join(dir, 'secret'), join(jobDir, 'link'));
    expect(await sut.openDownload(['dl_job-1', 'link'])).toEqual({ kind: 'forbidden' });
    expect(await sut.openDownload(['..', 'secret'])).toEqual({ kind: 'forbidden' });
    expect(await sut.openDownload([])).toEqual({ kind: 'forbidden' });
    expect(await sut.openDownload(['dl_job-1', 'missing.txt'])).toEqual({ kind: 'missing' });
    expect(await sut.openDownload(['dl_job-1'])).toEqual({ kind: 'missing' });
  });

  it('retention removes uploads and download directories older than storage.retention_hours, once an hour', async () => {
    const old = await sut.writeUpload(Readable.from(['a']), 'old.txt');
    const young = await sut.writeUpload(Readable.from(['b']), 'young.txt');
    const oldDl = sut.layout.downloadDir('old');
    const youngDl = sut.layout.downloadDir('young');
    for (const d of [oldDl, youngDl]) mkdirSync(d, { recursive: true });
    hoursAgo(old, 3);
    hoursAgo(oldDl, 3);
    hoursAgo(young, 1);
    const logged: unknown[] = [];
    const retention = new StagingRetentionService(config, sut, strictStub<AppLogger>({ event: (_l, _m, fields) => void logged.push(fields) }));
    const now = Date.now();
    await retention.sweepIfDue(now);
    expect([existsSync(old), existsSync(young), existsSync(oldDl), existsSync(youngDl)]).toEqual([false, true, false, true]);
    expect(logged).toEqual([{ removed: 2, retention_hours: 2 }]);
    // Within the hour nothing runs, even for files that aged meanwhile.
    hoursAgo(young, 3);
    await retention.sweepIfDue(now + 3599_000);
    expect(existsSync(young)).toBe(true);
    await retention.sweepIfDue(now + 3600_000);
    expect(existsSync(young)).toBe(false);
  });
});

function listDir(root: string): string[] {
  return existsSync(root) ? readdirSync(root) : [];
}
