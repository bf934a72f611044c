import { mkdir, readdir, stat } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import type { SftpSession } from '../transport/sftp.session';
import type { FileTransferSpec } from './file-transfer.options';
import { md5OfLocalFile } from './local-md5.hasher';
import { SftpFileCopier } from './sftp-file.copier';
import { localJoin, remoteBasename, remoteJoin, TransferPathError } from './transfer-path.guard';

/** Computes a remote file's MD5 (the paramiko driver runs `md5sum` over exec). */
export interface RemoteHasher {
  /** Hex MD5 of the remote file, or null when it cannot be computed there. */
  md5(remotePath: string, signal: AbortSignal): Promise<string | null>;
}

/** What one upload or download did (the transfer metadata of a result, plus counts for directories). */
export interface TransferOutcome {
  success: boolean;
  /** A line for stdout on success, or the reason for stderr on failure. */
  message: string;
  /** Bytes the destination holds after the transfer (the original's meaning; 0 when skipped by hash). */
  transferred_bytes: number;
  total_bytes: number;
  md5_verified: boolean;
  local_path: string;
  remote_path: string;
  skipped?: boolean;
  resumed_from?: number;
  files_transferred?: number;
  files_skipped?: number;
}

interface FileOutcome {
  transferred: number;
  total: number;
  verified: boolean;
  skipped: boolean;
  resumedFrom: number;
  note: string | null;
}

/**
 * One `file_transfer` over SFTP (paramiko): single files or whole directories, with
 * overwrite, resume by size, MD5 sync, MD5 verification and chmod. Failures reject with a message
 * fit for `stderr`.
 */
export class SftpTransfer {
  private readonly copier: SftpFileCopier;

  constructor(
    private readonly sftp: SftpSession,
    private readonly hasher: RemoteHasher,
    private readonly spec: FileTransferSpec,
    private readonly signal: AbortSignal,
  ) {
    this.copier = new SftpFileCopier(sftp, spec.chunk_size);
  }

  async upload(localPath: string, remotePath: string): Promise<TransferOutcome> {
    const st = await stat(localPath).catch(() => null);
    if (!st) throw new TransferPathError(`Local file not found: ${localPath}`);
    const appendName = remotePath.endsWith('/');
    if (st.isDirectory()) {
      if (!this.spec.recursive) throw new TransferPathError(`${localPath} is a directory; set recursive: true to upload directories`);
      const target = appendName ? remoteJoin(remotePath, basename(localPath)) : remotePath;
      const files: FileOutcome[] = [];
      await this.uploadTree(localPath, target, files);
      return this.summary(files, localPath, target);
    }
    let target = appendName ? remoteJoin(remotePath, basename(localPath)) : remotePath;
    if ((await this.sftp.stat(target))?.isDirectory) target = remoteJoin(target, basename(localPath));
    return this.single(await this.uploadFile(localPath, target, st.size), localPath, target);
  }

  async download(remotePath: string, localPath: string): Promise<TransferOutcome> {
    const rs = await this.sftp.stat(remotePath);
    if (!rs) throw new TransferPathError(`Remote path not found: ${remotePath}`);
    const local = await stat(localPath).catch(() => null);
    const target = local?.isDirectory() ? localJoin(localPath, remoteBasename(remotePath), `remote path ${remotePath}`) : localPath;
    if (rs.isDirectory) {
      if (!this.spec.recursive) throw new TransferPathError(`${remotePath} is a directory; set recursive: true to download directories`);
      const files: FileOutcome[] = [];
      await this.downloadTree(remotePath, target, files);
      return this.summary(files, target, remotePath);
    }
    await mkdir(dirname(target), { recursive: true });
    return this.single(await this.downloadFile(remotePath, target, rs.size), target, remotePath);
  }

  private async uploadTree(localDir: string, remoteDir: string, out: FileOutcome[]): Promise<void> {
    await this.mkdirRemote(remoteDir);
    // Symlinks and special files are skipped: following them could leave the chosen directory.
    for (const e of await readdir(localDir, { withFileTypes: true })) {
      const local = join(localDir, e.name);
      if (e.isDirectory()) await this.uploadTree(local, remoteJoin(remoteDir, e.name), out);
      else if (e.isFile()) out.push(await this.uploadFile(local, remoteJoin(remoteDir, e.name), (await stat(local)).size));
    }
  }

  private async downloadTree(remoteDir: string, localDir: string, out: FileOutcome[]): Promise<void> {
    await mkdir(localDir, { recursive: true });
    for (const e of await this.sftp.readdir(remoteDir)) {
      // Entry names come from the server: one path component each, or we refuse.
      const local = localJoin(localDir, e.name, `server listing of ${remoteDir}`);
      if (e.isDirectory) await this.downloadTree(remoteJoin(remoteDir, e.name), local, out);
      else if (e.isFile) out.push(await this.downloadFile(remoteJoin(remoteDir, e.name), local, e.size));
    }
  }

  private async uploadFile(local: string, remote: string, size: number): Promise<FileOutcome> {
    const existing = await this.sftp.stat(remote);
    if (existing?.isDirectory) throw new TransferPathError(`Remote path ${remote} is a directory`);
    let from = 0;
    if (existing) {
      if (this.spec.sync_mode === 'hash' && existing.size === size && (await this.sameMd5(local, remote))) {
        if (this.spec.chmod !== null) await this.sftp.chmod(remote, this.spec.chmod);
        return { transferred: 0, total: size, verified: true, skipped: true, resumedFrom: 0, note: null };
      }
      if (!this.spec.overwrite && !this.spec.resume) throw new TransferPathError(`Remote file ${remote} exists and overwrite is false`);
      if (this.spec.resume && existing.size <= size) from = existing.size;
    }
    if (from < size || from === 0) await this.copier.upload(local, remote, from, size, this.signal);
    if (this.spec.chmod !== null) await this.sftp.chmod(remote, this.spec.chmod);
    return { transferred: size, total: size, resumedFrom: from, skipped: false, ...(await this.verify(local, remote)) };
  }

  private async downloadFile(remote: string, local: string, size: number): Promise<FileOutcome> {
    const existing = await stat(local).catch(() => null);
    if (existing?.isDirectory()) throw new TransferPathError(`Local path ${local} is a directory`);
    let from = 0;
    if (existing) {
      if (this.spec.sync_mode === 'hash' && existing.size === size && (await this.sameMd5(local, remote))) {
        return { transferred: 0, total: size, verified: true, skipped: true, resumedFrom: 0, note: null };
      }
      if (!this.spec.overwrite && !this.spec.resume) throw new TransferPathError(`Local file ${local} exists and overwrite is false`);
      if (this.spec.resume && existing.size <= size) from = existing.size;
    }
    if (from < size || from === 0) await this.copier.download(remote, local, from, size, this.signal);
    return { transferred: size, total: size, resumedFrom: from, skipped: false, ...(await this.verify(local, remote)) };
  }

  private async verify(local: string, remote: string): Promise<{ verified: boolean; note: string | null }> {
    if (!this.spec.verify_file) return { verified: false, note: null };
    const [l, r] = await Promise.all([md5OfLocalFile(local, this.signal), this.hasher.md5(remote, this.signal)]);
    if (r === null) return { verified: false, note: `MD5 of ${remote} could not be computed on the host; the transfer is not verified` };
    if (l !== r) throw new TransferPathError(`MD5 mismatch after transfer: local ${local} ${l}, remote ${remote} ${r}`);
    return { verified: true, note: null };
  }

  private async sameMd5(local: string, remote: string): Promise<boolean> {
    const r = await this.hasher.md5(remote, this.signal);
    return r !== null && r === (await md5OfLocalFile(local, this.signal));
  }

  /** mkdir -p over SFTP. */
  private async mkdirRemote(dir: string): Promise<void> {
    const parts = dir.split('/');
    for (let i = 1; i <= parts.length; i++) {
      const prefix = parts.slice(0, i).join('/');
      if (prefix === '' || prefix === '.' || prefix === '~') continue;
      await this.sftp.mkdir(prefix);
    }
  }

  private single(f: FileOutcome, local: string, remote: string): TransferOutcome {
    const o: TransferOutcome = {
      success: true,
      message: f.skipped ? `File transfer skipped: ${remote} is identical (MD5)` : `File transfer completed: ${f.transferred}/${f.total} bytes`,
      transferred_bytes: f.transferred,
      total_bytes: f.total,
      md5_verified: f.verified,
      local_path: local,
      remote_path: remote,
    };
    if (f.skipped) o.skipped = true;
    if (f.resumedFrom > 0) o.resumed_from = f.resumedFrom;
    if (f.note) o.message += `\n${f.note}`;
    return o;
  }

  private summary(files: FileOutcome[], local: string, remote: string): TransferOutcome {
    const transferred = files.filter((f) => !f.skipped);
    const bytes = transferred.reduce((n, f) => n + f.transferred, 0);
    const total = files.reduce((n, f) => n + f.total, 0);
    const notes = files.map((f) => f.note).filter((n): n is string => n !== null);
    return {
      success: true,
      message: [`Directory transfer completed: ${transferred.length} files, ${files.length - transferred.length} skipped, ${bytes}/${total} bytes`, ...notes].join('\n'),
      transferred_bytes: bytes,
      total_bytes: total,
      md5_verified: files.length > 0 && files.every((f) => f.verified),
      local_path: local,
      remote_path: remote,
      files_transferred: transferred.length,
      files_skipped: files.length - transferred.length,
    };
  }
}
