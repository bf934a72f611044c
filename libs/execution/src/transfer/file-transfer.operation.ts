import { DriverExecutionResult } from '@netpulse/contracts';
import { DriverSession, DriverValidationError, ExecContext, ParamikoSession, errorResult } from '@netpulse/drivers';
import { DeviceJobRequest, driverRequestOf } from '../jobs/device-job.request';
import type { SessionOperation } from '../jobs/session-operation';
import { validationText } from './validation.text';
import type { WorkerStagingStore } from './worker-staging.store';

/**
 * `file_transfer` on a query: SFTP through the paramiko session, inside the
 * staging directory; each staged download gets its signed `download_url` (docs/compatibility.md: Signed download URLs). The
 * multipart upload is removed when the job ends, whatever happened.
 */
export class FileTransferOperation implements SessionOperation {
  readonly name = 'file-transfer';

  constructor(private readonly staging: WorkerStagingStore) {}

  appliesTo(req: DeviceJobRequest): boolean {
    return req.file_transfer !== null && !req.detach && !req.detached_action;
  }

  async run(session: DriverSession, req: DeviceJobRequest, _lines: string[], ctx: ExecContext): Promise<DriverExecutionResult[]> {
    const ft = req.file_transfer ?? {};
    const command = `${String(ft.operation ?? 'transfer')} ${String(ft.remote_path ?? '')}`.trim();
    if (!(session instanceof ParamikoSession)) return [errorResult(command, `file_transfer is not supported by the ${req.driver} driver yet`, session.host)];
    let results: DriverExecutionResult[];
    try {
      results = await session.transfer(ft, driverRequestOf(req), ctx, this.staging.pathsFor(ctx.jobId, req));
    } catch (err) {
      // Bad arguments are the request's fault, not the session's: answer them and keep the session.
      if (err instanceof DriverValidationError) return [errorResult(command, validationText(err), session.host)];
      throw err;
    }
    for (const r of results) {
      if (r.command.startsWith('download ') && r.exit_status === 0) r.download_url = await this.staging.downloadUrl(ctx.jobId, r.metadata.local_path);
    }
    return results;
  }

  afterJob(_jobId: string, req: DeviceJobRequest): Promise<void> {
    return this.staging.removeUpload(req);
  }
}
