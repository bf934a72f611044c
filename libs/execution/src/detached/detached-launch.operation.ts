import { DriverExecutionResult, maskSecretValues, secretValuesOf } from '@netpulse/contracts';
import { DriverSession, DriverValidationError, ExecContext, ParamikoSession, errorResult } from '@netpulse/drivers';
import type { AppLogger } from '@netpulse/observability';
import type { DetachedTaskStore } from '@netpulse/state';
import { DeviceJobRequest, driverRequestOf } from '../jobs/device-job.request';
import type { SessionOperation } from '../jobs/session-operation';
import { validationText } from '../transfer/validation.text';
import type { WorkerStagingStore } from '../transfer/worker-staging.store';

/**
 * `detach: true` (paramiko detached tasks): starts the task on the host (uploading first when
 * the request carries an upload) and rewrites its registry entry `running` or, when it already
 * ended, `completed`.
 */
export class DetachedLaunchOperation implements SessionOperation {
  readonly name = 'detached-launch';

  constructor(
    private readonly tasks: DetachedTaskStore,
    private readonly staging: WorkerStagingStore,
    private readonly logger: AppLogger,
  ) {}

  /** A launch unless the request is a config change (the original runs `config` then, undetached). */
  appliesTo(req: DeviceJobRequest): boolean {
    return req.detach && !req.detached_action && (req.config === null || req.config === undefined);
  }

  async run(session: DriverSession, req: DeviceJobRequest, lines: string[], ctx: ExecContext): Promise<DriverExecutionResult[]> {
    const taskId = req.task_id;
    if (!taskId) return [errorResult('launch', 'The detached launch job carries no task_id', session.host)];
    if (!(session instanceof ParamikoSession)) return [errorResult('launch', `detach is not supported by the ${req.driver} driver`, session.host)];
    let results: DriverExecutionResult[];
    try {
      results = await session.detach(lines, driverRequestOf(req), ctx, { taskId, fileTransfer: req.file_transfer ?? undefined, paths: this.staging.pathsFor(ctx.jobId, req) });
    } catch (err) {
      if (err instanceof DriverValidationError) results = [errorResult('launch', validationText(err), session.host)];
      else throw err;
    }
    const launch = results.find((r) => r.command === 'launch');
    const running = launch !== undefined && launch.exit_status === 0 && launch.metadata.is_running === true;
    const now = Date.now() / 1000;
    const launched = typeof launch?.metadata.command === 'string' ? [launch.metadata.command] : lines.slice(0, 1);
    // Listed by `GET /detached-tasks`: a secret of the request in the command line shows masked.
    const command = maskSecretValues(launched, secretValuesOf({ connection_args: req.connection_args, driver_args: req.driver_args, webhook: req.webhook }));
    const pid = typeof launch?.metadata.pid === 'number' ? launch.metadata.pid : null;
    const kept = await this.tasks.patch(taskId, { status: running ? 'running' : 'completed', command, pid, last_offset: 0, last_sync: now, created_at: now });
    if (!kept) this.logger.event('warn', 'detached task left the registry before its launch ended', { task_id: taskId, host: session.host });
    return results;
  }

  /** A launch that never ran (connection refused, stopped, timed out) must not stay `launching` for 10 minutes. */
  async afterJob(_jobId: string, req: DeviceJobRequest): Promise<void> {
    if (!req.detach || !req.task_id || req.detached_action) return;
    const entry = await this.tasks.get(req.task_id);
    if (entry?.status === 'launching') await this.tasks.patch(req.task_id, { status: 'completed', last_sync: Date.now() / 1000 });
  }
}
