import { DriverExecutionResult, executionResult } from '@netpulse/contracts';
import { isAbsolute } from 'node:path';
import { mkdir } from 'node:fs/promises';
import type { ExecContext } from '../core/device-driver';
import { seconds3 } from '../core/execution-result';
import type { FileTransferSpec, TransferPaths } from '../file-transfer/file-transfer.options';
import { RemoteHasher, SftpTransfer, TransferOutcome } from '../file-transfer/sftp.transfer';
import { absoluteLocal, assertInsideRoots, TransferPathError } from '../file-transfer/transfer-path.guard';
import type { SshConnection } from '../transport/ssh.connection';
import type { ShellCommandRunner } from './shell-command.runner';
import { shellQuote } from './shell-line.builder';

/** Runs a follow-up command (execute_after_upload, cleanup) with the request's driver_args. */
export type FollowUpCommand = (command: string, ctx: ExecContext) => Promise<DriverExecutionResult>;

/**
 * The paramiko `file_transfer`: SFTP upload or download, then optionally run
 * the uploaded file and remove it. Results: `upload <remote_path>` / `download <remote_path>`, plus
 * the command's result and the cleanup's result when asked.
 */
export class ParamikoFileTransferHandler {
  constructor(
    private readonly conn: SshConnection,
    private readonly runner: ShellCommandRunner,
    private readonly host: string,
  ) {}

  async run(spec: FileTransferSpec, paths: TransferPaths, ctx: ExecContext, followUp: FollowUpCommand | null): Promise<DriverExecutionResult[]> {
    const started = Date.now();
    const command = `${spec.operation} ${spec.remote_path}`;
    let outcome: TransferOutcome;
    let local: string | null = null;
    try {
      local = await this.localPath(spec, paths);
      const sftp = await this.conn.openSftp();
      try {
        const transfer = new SftpTransfer(sftp, this.hasher(), spec, ctx.signal);
        outcome = spec.operation === 'upload' ? await transfer.upload(local, spec.remote_path) : await transfer.download(spec.remote_path, local);
      } finally {
        sftp.end();
      }
    } catch (err) {
      const message = ctx.signal.aborted ? 'File transfer was interrupted' : err instanceof Error ? err.message : String(err);
      return [
        executionResult({
          command,
          stderr: message,
          exit_status: 1,
          metadata: {
            host: this.host,
            duration_seconds: seconds3(Date.now() - started),
            transferred_bytes: 0,
            total_bytes: 0,
            transfer_success: false,
            md5_verified: false,
            local_path: local,
            remote_path: spec.remote_path,
          },
        }),
      ];
    }
    const { success, message, ...facts } = outcome;
    const results = [
      executionResult({
        command,
        stdout: message,
        exit_status: success ? 0 : 1,
        metadata: { host: this.host, duration_seconds: seconds3(Date.now() - started), ...facts, transfer_success: success },
      }),
    ];
    if (followUp && spec.operation === 'upload' && spec.execute_after_upload && spec.execute_command && !ctx.signal.aborted) {
      results.push(await followUp(spec.execute_command, ctx));
      if (spec.cleanup_after_exec) results.push(await followUp(`rm -f ${shellQuote(outcome.remote_path)}`, ctx));
    }
    return results;
  }

  /** Upload source or download target (a multipart-staged file overrides `local_path`). */
  private async localPath(spec: FileTransferSpec, paths: TransferPaths): Promise<string> {
    let path: string;
    if (spec.operation === 'upload') {
      const source = paths.stagedFile ?? spec.local_path;
      if (!source) throw new TransferPathError('No local path or staged file provided for upload.');
      path = absoluteLocal(source, paths.stagedFile ? 'staged file' : 'local_path');
    } else if (spec.local_path && isAbsolute(spec.local_path)) {
      path = absoluteLocal(spec.local_path, 'local_path');
    } else {
      if (!paths.downloadDir) throw new TransferPathError('local_path must be absolute when no download directory is configured');
      path = absoluteLocal(paths.downloadDir, 'download directory');
      // An existing directory makes the transfer append the remote file's name.
      await mkdir(path, { recursive: true });
    }
    await assertInsideRoots(path, paths.localRoots, 'local_path');
    return path;
  }

  private hasher(): RemoteHasher {
    return {
      md5: async (remotePath, signal) => {
        const out = await this.runner.run({ line: `md5sum -- ${shellQuote(remotePath)}`, pty: false, sudo: false, sudoPassword: null, timeoutMs: 600000, signal, maxBytes: 65536 });
        const hex = /^([0-9a-f]{32})\s/.exec(out.stdout.toString());
        return out.exitStatus === 0 && hex ? hex[1] : null;
      },
    };
  }
}
