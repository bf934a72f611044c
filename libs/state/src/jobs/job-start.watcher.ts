import { JobEndWatcher } from './job-end.watcher';

/**
 * Tells followers of a job's events (`GET /jobs/{id}/events`) that a worker started it, from the
 * job-started channel the start scripts publish on. The same mechanism as `JobEndWatcher` (one
 * subscriber per process, opened on first use), on its own channel, so `?wait=` never wakes on a start.
 */
export class JobStartWatcher extends JobEndWatcher {}
