import { JobResult, ResultType } from '@netpulse/contracts';
import { AppLogger, NetpulseMetrics } from '@netpulse/observability';
import { DeviceProtectionStore, JobStore, parsePinnedWorkerName } from '@netpulse/state';
import { JobEndNotifier } from '../jobs/job-end.notifier';

/**
 * The one place that ends the jobs of a worker presumed dead (no heartbeat, a node's lapsed lease, a
 * node restarted under its name): each job recorded running on it ends failed/WorkerDied, is never
 * replayed, and its webhook is sent. The record remembers the presumption, so a worker that was only
 * stalled and delivers the outcome later has it kept as `JobRanLate` instead of dropped.
 */
export class DeadWorkerJobs {
  constructor(
    private readonly jobs: Pick<JobStore, 'runningOn' | 'payloadOf' | 'failPresumedDead' | 'get'>,
    private readonly notifier: Pick<JobEndNotifier, 'notifySealed'>,
    private readonly logger: Pick<AppLogger, 'event'>,
    private readonly metrics: Pick<NetpulseMetrics, 'jobCompleted'>,
    private readonly protection: Pick<DeviceProtectionStore, 'releaseSlot'>,
  ) {}

  /** The WorkerDied result; `cause` says who stopped answering, e.g. "Node n1 stopped renewing its lease". */
  static result(cause: string): JobResult {
    const message =
      `${cause} while running the job; the job was not retried. The worker may have died or only stalled: ` +
      'part or all of the job may have reached the device. If the worker comes back, this record is updated with what ran (error type JobRanLate).';
    return { type: ResultType.Failed, retval: null, error: { type: 'WorkerDied', message } };
  }

  /** Ends every job running on `worker`; returns the ids it ended. */
  async failRunning(worker: string, cause: string): Promise<string[]> {
    const pinned = parsePinnedWorkerName(worker);
    const ended: string[] = [];
    for (const id of await this.jobs.runningOn(worker)) {
      const payload = await this.jobs.payloadOf(id);
      const result = DeadWorkerJobs.result(cause);
      if (await this.jobs.failPresumedDead(id, worker, result)) {
        ended.push(id);
        await this.notifier.notifySealed(id, payload, 'failed', result);
        this.logger.event('warn', 'job failed: worker presumed dead', { job_id: id, worker, cause });
        this.metrics.jobCompleted({ strategy: pinned ? 'pinned' : 'fifo', driver: 'other', status: 'failed' });
      }
      // A FIFO job's device session slot goes back now, not when its lease (execution timeout + 60 s) ends.
      if (!pinned) {
        const host = (await this.jobs.get(id))?.host;
        if (host) await this.protection.releaseSlot(host, id);
      }
    }
    return ended;
  }
}

/** The Nest provider, for the controller's sweepers and the node worker. */
export const DEAD_WORKER_JOBS_PROVIDER = {
  provide: DeadWorkerJobs,
  inject: [JobStore, JobEndNotifier, AppLogger, NetpulseMetrics, DeviceProtectionStore],
  useFactory: (j: JobStore, n: JobEndNotifier, l: AppLogger, m: NetpulseMetrics, p: DeviceProtectionStore): DeadWorkerJobs => new DeadWorkerJobs(j, n, l, m, p),
};
