/**
 * The closed sets every metric label is drawn from. Prometheus keeps one time series per label
 * combination, so a label fed from request data (a host, a URL, an error message) would grow without
 * bound; each label here is either one of these fixed lists or passed through a `LabelValueGuard`.
 */

/** How a job reached a worker: the shared FIFO queue or a device's pinned worker. */
export const QUEUE_STRATEGIES = ['fifo', 'pinned'] as const;
export type QueueStrategyLabel = (typeof QUEUE_STRATEGIES)[number];

/** Terminal job states as the API reports them. `failed` is what "jobs failed" counts. */
export const JOB_END_STATUSES = ['finished', 'failed', 'stopped', 'canceled'] as const;
export type JobEndStatus = (typeof JOB_END_STATUSES)[number];

/** Queue families; every `HostQ_<host>` is summed into `HostQ` so hosts never become label values. */
export const QUEUE_FAMILIES = ['FifoQ', 'HostQ', 'WebhookQ'] as const;
export type QueueFamily = (typeof QUEUE_FAMILIES)[number];

/** BullMQ job states worth a gauge (`waiting-children` is unused here). */
export const QUEUE_STATES = ['waiting', 'active', 'delayed', 'prioritized', 'paused', 'completed', 'failed'] as const;
export type QueueState = (typeof QUEUE_STATES)[number];

/** Why an SSH session could not be opened or died; anything unrecognised is `other`. */
export const SSH_FAILURE_REASONS = ['auth', 'timeout', 'refused', 'closed', 'other'] as const;
export type SshFailureReason = (typeof SSH_FAILURE_REASONS)[number];

/** A device's protection guards: the circuit breaker (connection failures) and the authentication lockout guard. */
export const DEVICE_GUARDS = ['breaker', 'lockout'] as const;
export type DeviceGuardName = (typeof DEVICE_GUARDS)[number];

/** `opened`: a guard closed the device off (breaker opened, lockout engaged); `refused`: a connect it stopped before the device was contacted. */
export const DEVICE_GUARD_EVENTS = ['opened', 'refused'] as const;
export type DeviceGuardEvent = (typeof DEVICE_GUARD_EVENTS)[number];

/** Outcome of one keepalive probe on a pinned session. */
export const KEEPALIVE_RESULTS = ['ok', 'failed'] as const;
export type KeepaliveResult = (typeof KEEPALIVE_RESULTS)[number];

/** Outcome of one webhook delivery attempt: delivered, failed with a retry scheduled, or given up. */
export const WEBHOOK_RESULTS = ['delivered', 'retrying', 'failed'] as const;
export type WebhookResult = (typeof WEBHOOK_RESULTS)[number];

/**
 * Where an error no request or job saw came from: a promise nobody awaited, an exception that reached
 * the top, a control loop's failed pass (the sweeper, a node's wake-up list), a worker's lost command
 * channel, a session slot not given back, a plugin's failed clean-up.
 */
export const BACKGROUND_ERROR_SOURCES = ['unhandled_rejection', 'uncaught_exception', 'control_loop', 'command_channel', 'slot_release', 'plugin_cleanup', 'other'] as const;
export type BackgroundErrorSource = (typeof BACKGROUND_ERROR_SOURCES)[number];

/** Methods that get their own label value; anything else (PROPFIND, junk) is `OTHER`. */
export const HTTP_METHODS = ['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE', 'OPTIONS'] as const;

/** Route label of a request no route matched (404s, scans): one series, not one per URL. */
export const UNMATCHED_ROUTE = 'unmatched';

/** One queue depth reading, as the app's collect callback reports it. */
export interface QueueDepthSample {
  count: number;
  queue: QueueFamily;
  state: QueueState;
}

/** The node worker's pinned-worker capacity and how much of it is in use. */
export interface NodeCapacitySample {
  /** `worker.pinned_per_node` of this node. */
  capacity: number;
  /** Pinned workers (devices) this node hosts now. */
  pinned: number;
}

export function isOneOf<T extends string>(list: readonly T[], value: string): value is T {
  return (list as readonly string[]).includes(value);
}

/**
 * Queue depth samples from a state → count map such as BullMQ's `getJobCounts()`; states outside
 * `QUEUE_STATES` are dropped, so a BullMQ upgrade adding a state cannot add a series.
 */
export function queueDepthSamples(queue: QueueFamily, counts: Readonly<Record<string, number>>): QueueDepthSample[] {
  return Object.entries(counts)
    .filter((entry): entry is [QueueState, number] => isOneOf(QUEUE_STATES, entry[0]))
    .map(([state, count]) => ({ queue, state, count }));
}
