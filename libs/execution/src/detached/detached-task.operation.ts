import { DriverExecutionResult } from '@netpulse/contracts';
import { DriverSession, ExecContext, ParamikoSession, errorResult } from '@netpulse/drivers';
import type { DetachedTaskStore } from '@netpulse/state';
import type { DeviceJobRequest } from '../jobs/device-job.request';
import type { SessionOperation } from '../jobs/session-operation';

/**
 * The controller's internal jobs on a detached task: `query` reads the log from an
 * offset and syncs the registry (`last_offset`, `last_sync`, `status`); `kill` ends the process
 * group, removes its files and the registry entry.
 */
export class DetachedTaskOperation implements SessionOperation {
  readonly name = 'detached-task';

  constructor(private readonly tasks: DetachedTaskStore) {}

  appliesTo(req: DeviceJobRequest): boolean {
    return req.detached_action !== null && req.detached_action !== undefined;
  }

  async run(session: DriverSession, req: DeviceJobRequest, _lines: string[], ctx: ExecContext): Promise<DriverExecutionResult[]> {
    const action = req.detached_action;
    if (!action) return [];
    if (!(session instanceof ParamikoSession)) return [errorResult(action.kind, `Detached tasks are not supported by the ${req.driver} driver`, session.host)];
    if (action.kind === 'kill') {
      const args = req.driver_args ?? {};
      const results = await session.killDetached(action.task_id, ctx, { sudo: args.sudo === true, sudoPassword: typeof args.sudo_password === 'string' ? args.sudo_password : null });
      if (results[0]?.exit_status === 0) await this.tasks.remove(action.task_id);
      return results;
    }
    const entry = await this.tasks.get(action.task_id);
    const offset = action.offset ?? entry?.last_offset ?? 0;
    const results = await session.readDetached(action.task_id, offset, ctx);
    const r = results[0];
    if (r) {
      const completed = r.metadata.completed === true;
      const next = typeof r.metadata.next_offset === 'number' ? r.metadata.next_offset : undefined;
      await this.tasks.patch(action.task_id, {
        status: completed ? 'completed' : 'running',
        last_sync: Date.now() / 1000,
        last_offset: action.advance && r.exit_status === 0 ? next : undefined,
      });
    }
    return results;
  }
}
