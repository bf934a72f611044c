import type { SFTPWrapper, Stats } from 'ssh2';

/** What a remote path is, as far as a file transfer cares. */
export interface RemoteStat {
  isDirectory: boolean;
  isFile: boolean;
  isSymbolicLink: boolean;
  mode: number;
  size: number;
}

export interface RemoteEntry extends RemoteStat {
  name: string;
}

/** Open flags of `open` (SFTP's string modes, as in fs). */
export type RemoteOpenFlags = 'r' | 'w' | 'r+';

/** SFTP status code for a missing file (draft-ietf-secsh-filexfer, SSH_FX_NO_SUCH_FILE). */
const NO_SUCH_FILE = 2;

/**
 * Promise-based SFTP over one ssh2 subsystem channel: only the primitives the file-transfer code
 * needs (positional reads and writes on handles, so it can keep several requests in flight).
 */
export class SftpSession {
  private closed = false;

  constructor(private readonly sftp: SFTPWrapper) {
    // A subsystem error with no pending request would otherwise be an unhandled 'error' event.
    sftp.on('error', () => undefined);
    sftp.on('close', () => {
      this.closed = true;
    });
  }

  /** The remote path's attributes (following symlinks), or null when it does not exist. */
  stat(path: string): Promise<RemoteStat | null> {
    return this.statWith('stat', path);
  }

  /** Like `stat` but describes a symlink itself. */
  lstat(path: string): Promise<RemoteStat | null> {
    return this.statWith('lstat', path);
  }

  readdir(path: string): Promise<RemoteEntry[]> {
    return new Promise((resolve, reject) => {
      this.sftp.readdir(path, (err, list) => {
        if (err) return reject(sftpError(err, `read directory ${path}`));
        resolve(list.filter((e) => e.filename !== '.' && e.filename !== '..').map((e) => ({ name: e.filename, ...toStat(e.attrs) })));
      });
    });
  }

  /** Creates one directory; an existing directory is not an error. */
  async mkdir(path: string): Promise<void> {
    const existing = await this.stat(path);
    if (existing?.isDirectory) return;
    await new Promise<void>((resolve, reject) => {
      this.sftp.mkdir(path, (err) => (err ? reject(sftpError(err, `create directory ${path}`)) : resolve()));
    });
  }

  chmod(path: string, mode: number): Promise<void> {
    return new Promise((resolve, reject) => {
      this.sftp.chmod(path, mode, (err) => (err ? reject(sftpError(err, `chmod ${path}`)) : resolve()));
    });
  }

  open(path: string, flags: RemoteOpenFlags): Promise<Buffer> {
    return new Promise((resolve, reject) => {
      this.sftp.open(path, flags, (err, handle) => (err ? reject(sftpError(err, `open ${path}`)) : resolve(handle)));
    });
  }

  /** Reads up to `length` bytes at `position`; resolves the count read, 0 at end of file. */
  read(handle: Buffer, into: Buffer, length: number, position: number): Promise<number> {
    return new Promise((resolve, reject) => {
      this.sftp.read(handle, into, 0, length, position, (err, bytesRead) => {
        if (err && (err as Error & { code?: number }).code === 1) return resolve(0); // SSH_FX_EOF
        if (err) return reject(sftpError(err, 'read'));
        resolve(bytesRead);
      });
    });
  }

  write(handle: Buffer, from: Buffer, length: number, position: number): Promise<void> {
    return new Promise((resolve, reject) => {
      this.sftp.write(handle, from, 0, length, position, (err) => (err ? reject(sftpError(err, 'write')) : resolve()));
    });
  }

  closeHandle(handle: Buffer): Promise<void> {
    return new Promise((resolve, reject) => {
      this.sftp.close(handle, (err) => (err ? reject(sftpError(err, 'close')) : resolve()));
    });
  }

  end(): void {
    if (this.closed) return;
    this.closed = true;
    this.sftp.end();
  }

  private statWith(method: 'stat' | 'lstat', path: string): Promise<RemoteStat | null> {
    return new Promise((resolve, reject) => {
      this.sftp[method](path, (err, st) => {
        if (err && (err as Error & { code?: number }).code === NO_SUCH_FILE) return resolve(null);
        if (err) return reject(sftpError(err, `stat ${path}`));
        resolve(toStat(st));
      });
    });
  }
}

function toStat(st: Pick<Stats, 'mode' | 'size'>): RemoteStat {
  const type = st.mode & 0o170000;
  return { isDirectory: type === 0o040000, isFile: type === 0o100000, isSymbolicLink: type === 0o120000, mode: st.mode & 0o7777, size: st.size };
}

/** SFTP errors carry only the server's status text; prefix what we were doing. */
function sftpError(err: Error, what: string): Error {
  return new Error(`SFTP ${what} failed: ${err.message}`);
}
