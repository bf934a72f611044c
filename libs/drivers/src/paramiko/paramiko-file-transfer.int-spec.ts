import { readTestEnv } from '@netpulse/testing';
import { createHash, randomBytes, randomUUID } from 'node:crypto';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { DriverRequest, ExecContext } from '../core/device-driver';
import { ParamikoDriver } from './paramiko.driver';
import type { ParamikoSession } from './paramiko.session';

describe('ParamikoSession file transfer over SFTP (real sshd)', () => {
  const env = readTestEnv();
  const args = { host: env.sshHost, port: env.sshPort, username: env.sshUser, password: env.sshPassword };
  const ctx = (): ExecContext => ({ jobId: 'j', signal: new AbortController().signal, maxOutputBytes: 1 << 20 });
  const req = (driver_args: Record<string, unknown> | null = null): DriverRequest => ({ connection_args: args, driver_args, extras: {} });
  const md5 = (b: Buffer): string => createHash('md5').update(b).digest('hex');
  const remote = `/tmp/np-ft-${randomUUID()}`;
  let sut: ParamikoSession;
  let local: string;

  const sh = async (command: string): Promise<string> => String((await sut.send([command], req(), ctx()))[0].stdout);
  const localFile = (name: string, data: Buffer | string): string => {
    const p = join(local, name);
    writeFileSync(p, data);
    return p;
  };

  beforeAll(async () => {
    sut = await new ParamikoDriver().connect(args);
    local = mkdtempSync(join(tmpdir(), 'np-ft-'));
    await sh(`mkdir -p ${remote}`);
  });

  afterAll(async () => {
    await sh(`rm -rf ${remote}`);
    await sut.close();
    rmSync(local, { recursive: true, force: true });
  });

  it('uploads to a directory path ending in / under the local name, verified by MD5', async () => {
    const data = randomBytes(100_000);
    const src = localFile('up.bin', data);
    const r = await sut.transfer({ operation: 'upload', local_path: src, remote_path: `${remote}/` }, req(), ctx());
    expect(r).toHaveLength(1);
    expect(r[0]).toMatchObject({ command: `upload ${remote}/`, exit_status: 0, stdout: 'File transfer completed: 100000/100000 bytes' });
    expect(r[0].metadata).toMatchObject({ transferred_bytes: 100000, total_bytes: 100000, transfer_success: true, md5_verified: true, local_path: src, remote_path: `${remote}/up.bin` });
    expect(await sh(`md5sum < ${remote}/up.bin`)).toBe(`${md5(data)}  -\n`);
  });

  it('downloads into an existing directory under the remote name, and into the download directory', async () => {
    await sh(`printf 'remote data' > ${remote}/dl.txt`);
    const r = await sut.transfer({ operation: 'download', remote_path: `${remote}/dl.txt`, local_path: local }, req(), ctx());
    expect(r[0]).toMatchObject({ command: `download ${remote}/dl.txt`, exit_status: 0 });
    expect(r[0].metadata).toMatchObject({ local_path: join(local, 'dl.txt'), md5_verified: true, transferred_bytes: 11 });
    expect(readFileSync(join(local, 'dl.txt'), 'utf8')).toBe('remote data');
    const downloadDir = join(local, 'downloads', 'dl_job1');
    const staged = await sut.transfer({ operation: 'download', remote_path: `${remote}/dl.txt`, local_path: 'ignored.txt' }, req(), ctx(), { downloadDir });
    expect(staged[0].metadata).toMatchObject({ local_path: join(downloadDir, 'dl.txt') });
    expect(readFileSync(join(downloadDir, 'dl.txt'), 'utf8')).toBe('remote data');
  });

  it('resumes an upload and a download from the size already there', async () => {
    const data = randomBytes(300_000);
    await sut.transfer({ operation: 'upload', local_path: localFile('part.bin', data.subarray(0, 120_000)), remote_path: `${remote}/resume.bin` }, req(), ctx());
    const up = await sut.transfer({ operation: 'upload', local_path: localFile('full.bin', data), remote_path: `${remote}/resume.bin`, resume: true }, req(), ctx());
    expect(up[0].metadata).toMatchObject({ resumed_from: 120_000, transferred_bytes: 300_000, md5_verified: true });
    const partial = localFile('resume-dl.bin', data.subarray(0, 50_000));
    const down = await sut.transfer({ operation: 'download', remote_path: `${remote}/resume.bin`, local_path: partial, resume: true }, req(), ctx());
    expect(down[0].metadata).toMatchObject({ resumed_from: 50_000, md5_verified: true });
    expect(md5(readFileSync(partial))).toBe(md5(data));
  });

  it('skips identical files in hash mode and refuses to overwrite when asked not to', async () => {
    const src = localFile('same.txt', 'same content\n');
    await sut.transfer({ operation: 'upload', local_path: src, remote_path: `${remote}/same.txt` }, req(), ctx());
    const again = await sut.transfer({ operation: 'upload', local_path: src, remote_path: `${remote}/same.txt`, sync_mode: 'hash' }, req(), ctx());
    expect(again[0]).toMatchObject({ exit_status: 0, stdout: `File transfer skipped: ${remote}/same.txt is identical (MD5)` });
    expect(again[0].metadata).toMatchObject({ transferred_bytes: 0, skipped: true, md5_verified: true, transfer_success: true });
    const refused = await sut.transfer({ operation: 'upload', local_path: src, remote_path: `${remote}/same.txt`, overwrite: false }, req(), ctx());
    expect(refused[0]).toMatchObject({ exit_status: 1, stderr: `Remote file ${remote}/same.txt exists and overwrite is false` });
    expect(refused[0].metadata).toMatchObject({ transfer_success: false });
  });

  it('sets the mode, runs the uploaded file with driver_args and removes it', async () => {
    const src = localFile('job.sh', '#!/bin/sh\necho "ran as $(id -un) with $MODE"\n');
    const r = await sut.transfer(
      { operation: 'upload', local_path: src, remote_path: `${remote}/job.sh`, chmod: '0750', execute_after_upload: true, execute_command: `${remote}/job.sh` },
      req({ environment: { MODE: 'fast' } }),
      ctx(),
    );
    expect(r.map((x) => [x.command, x.exit_status])).toEqual([
      [`upload ${remote}/job.sh`, 0],
      [`${remote}/job.sh`, 0],
      [`rm -f '${remote}/job.sh'`, 0],
    ]);
    expect(r[1].stdout).toBe(`ran as ${env.sshUser} with fast\n`);
    expect(await sh(`test -e ${remote}/job.sh && echo exists || echo gone`)).toBe('gone\n');
    const kept = await sut.transfer({ operation: 'upload', local_path: src, remote_path: `${remote}/kept.sh`, chmod: '0750' }, req(), ctx());
    expect(kept).toHaveLength(1);
    expect(await sh(`stat -c %a ${remote}/kept.sh`)).toBe('750\n');
  });

  it('transfers directory trees recursively, both ways', async () => {
    const tree = join(local, 'tree');
    mkdirSync(join(tree, 'sub', 'deeper'), { recursive: true });
    writeFileSync(join(tree, 'a.txt'), 'a');
    writeFileSync(join(tree, 'sub', 'b.txt'), 'bb');
    writeFileSync(join(tree, 'sub', 'deeper', 'c.txt'), 'ccc');
    const up = await sut.transfer({ operation: 'upload', local_path: tree, remote_path: `${remote}/`, recursive: true }, req(), ctx());
    expect(up[0].metadata).toMatchObject({ remote_path: `${remote}/tree`, files_transferred: 3, files_skipped: 0, transferred_bytes: 6, md5_verified: true });
    expect(await sh(`cd ${remote}/tree && find . -type f | sort && cat sub/deeper/c.txt`)).toBe('./a.txt\n./sub/b.txt\n./sub/deeper/c.txt\nccc');
    const back = join(local, 'back');
    const down = await sut.transfer({ operation: 'download', remote_path: `${remote}/tree`, local_path: back, recursive: true }, req(), ctx());
    expect(down[0].metadata).toMatchObject({ local_path: back, files_transferred: 3 });
    expect(readFileSync(join(back, 'sub', 'deeper', 'c.txt'), 'utf8')).toBe('ccc');
    const flat = await sut.transfer({ operation: 'upload', local_path: tree, remote_path: `${remote}/x` }, req(), ctx());
    expect(flat[0]).toMatchObject({ exit_status: 1, stderr: `${tree} is a directory; set recursive: true to upload directories` });
  });

  it('streams a 20 MB file with small chunks both ways', async () => {
    const data = randomBytes(20 * 1024 * 1024);
    const src = localFile('big.bin', data);
    const up = await sut.transfer({ operation: 'upload', local_path: src, remote_path: `${remote}/big.bin`, chunk_size: 8192 }, req(), ctx());
    expect(up[0].metadata).toMatchObject({ transferred_bytes: data.length, md5_verified: true });
    const dest = join(local, 'big-back.bin');
    const down = await sut.transfer({ operation: 'download', remote_path: `${remote}/big.bin`, local_path: dest }, req(), ctx());
    expect(down[0].metadata).toMatchObject({ transferred_bytes: data.length, md5_verified: true });
    expect(md5(readFileSync(dest))).toBe(md5(data));
  });

  it('reports bad paths as failed transfer results', async () => {
    const cases: [Record<string, unknown>, string][] = [
      [{ operation: 'upload', local_path: join(local, 'missing'), remote_path: `${remote}/m` }, `Local file not found: ${join(local, 'missing')}`],
      [{ operation: 'upload', local_path: 'relative.txt', remote_path: `${remote}/m` }, 'local_path must be an absolute path'],
      [{ operation: 'upload', remote_path: `${remote}/m` }, 'No local path or staged file provided for upload.'],
      [{ operation: 'download', remote_path: `${remote}/nothing-here`, local_path: local }, `Remote path not found: ${remote}/nothing-here`],
      [{ operation: 'download', remote_path: `${remote}/up.bin`, local_path: 'rel' }, 'local_path must be absolute when no download directory is configured'],
    ];
    for (const [spec, message] of cases) {
      const r = await sut.transfer(spec, req(), ctx());
      expect(r).toEqual([expect.objectContaining({ exit_status: 1, stderr: expect.stringContaining(message) })]);
    }
    const outside = await sut.transfer({ operation: 'download', remote_path: `${remote}/up.bin`, local_path: '/etc/np-should-not-exist' }, req(), ctx(), { localRoots: [local] });
    expect(outside[0]).toMatchObject({ exit_status: 1, stderr: expect.stringContaining('outside the allowed local directories') });
  });

  it('uses the staged file instead of local_path', async () => {
    const staged = localFile('abcd1234_report.txt', 'staged');
    const r = await sut.transfer({ operation: 'upload', local_path: '/nonexistent', remote_path: `${remote}/` }, req(), ctx(), { stagedFile: staged });
    expect(r[0].metadata).toMatchObject({ remote_path: `${remote}/abcd1234_report.txt`, local_path: staged });
  });
});
