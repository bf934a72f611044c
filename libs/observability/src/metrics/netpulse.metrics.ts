import { CONTRACT_DRIVERS } from '@netpulse/contracts';
import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client';
import { EventLoopLagMonitor } from './event-loop-lag.monitor';
import { LabelValueGuard } from './label-value.guard';
import {
  BACKGROUND_ERROR_SOURCES,
  DEVICE_GUARDS,
  DEVICE_GUARD_EVENTS,
  HTTP_METHODS,
  JOB_END_STATUSES,
  KEEPALIVE_RESULTS,
  QUEUE_FAMILIES,
  QUEUE_STATES,
  QUEUE_STRATEGIES,
  SSH_FAILURE_REASONS,
  UNMATCHED_ROUTE,
  WEBHOOK_RESULTS,
  isOneOf,
} from './metric.labels';
import type {
  BackgroundErrorSource,
  DeviceGuardEvent,
  DeviceGuardName,
  JobEndStatus,
  KeepaliveResult,
  NodeCapacitySample,
  QueueDepthSample,
  QueueStrategyLabel,
  SshFailureReason,
  WebhookResult,
} from './metric.labels';

export const METRIC_PREFIX = 'netpulse_';

/** Options of `NetpulseMetrics`. */
export interface NetpulseMetricsOptions {
  /** Driver names always accepted as the `driver` label. Default: the contract's four (netmiko, napalm, pyeapi, paramiko). */
  drivers?: readonly string[];
  /**
   * Collect Node process metrics (CPU, memory, event loop lag, GC) with the `netpulse_` prefix, and
   * sample event-loop lag into `netpulse_event_loop_lag_seconds`. Default: true.
   */
  processMetrics?: boolean;
  /** Longest wait for the queue-depth callback during a scrape, milliseconds. Default: 2000. */
  sourceTimeoutMs?: number;
}

/** Reads queue depths at scrape time; may return one sample per `HostQ_*` queue, they are summed. */
export type QueueDepthSource = () => readonly QueueDepthSample[] | Promise<readonly QueueDepthSample[]>;
/** Reads the node's capacity at scrape time; null when this process is not a node worker. */
export type NodeCapacitySource = () => NodeCapacitySample | null;

const HTTP_BUCKETS = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10];
// Queue waits run from milliseconds (idle FIFO) to the 1800 s default queue TTL.
const WAIT_BUCKETS = [0.01, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 300, 900, 1800];
// Executions run up to `execution_timeout` (300 s default, 3600 s with a file transfer).
// From a healthy loop (a few ms) to a render or regex that held it for tens of seconds.
const LAG_BUCKETS = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30];
const EXEC_BUCKETS = [0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 120, 300, 600, 1800, 3600];

/**
 * Every NetPulse metric of one process, on its own prom-client `Registry` (never the global one, so
 * two apps in one test process cannot collide). Helpers take typed, bounded label values only: no
 * host, device, URL or job id ever becomes a label.
 */
export class NetpulseMetrics {
  readonly registry = new Registry();
  /** Event-loop lag of this process; null when `processMetrics` is off. */
  readonly eventLoop: EventLoopLagMonitor | null = null;

  private readonly driverLabel: LabelValueGuard;
  private readonly routeLabel = new LabelValueGuard({ maxExtra: 128, pattern: /^\/[\w\-./:{}*]{0,199}$/, fallback: UNMATCHED_ROUTE });
  private readonly sourceTimeoutMs: number;
  private queueSource: QueueDepthSource | null = null;
  private queueCollect: Promise<void> = Promise.resolve();
  private nodeSource: NodeCapacitySource | null = null;
  private nodeGauges = false;

  private readonly httpRequests: Counter<'method' | 'route' | 'status'>;
  private readonly httpDuration: Histogram<'method' | 'route' | 'status'>;
  private readonly jobsEnqueued: Counter<'strategy' | 'driver'>;
  private readonly jobsCompleted: Counter<'strategy' | 'driver' | 'status'>;
  private readonly queueWait: Histogram<'strategy'>;
  private readonly execution: Histogram<'strategy' | 'driver'>;
  private readonly queueJobs: Gauge<'queue' | 'state'>;
  private readonly sessionsOpen: Gauge;
  private readonly sessionsOpened: Counter<'driver'>;
  private readonly sessionsReused: Counter<'driver'>;
  private readonly sessionFailures: Counter<'driver' | 'reason'>;
  private readonly keepaliveProbes: Counter<'result'>;
  private readonly deviceProtection: Counter<'guard' | 'event'>;
  private readonly selfHealing: Counter;
  private readonly pinnedEvictions: Counter;
  private readonly webhookDeliveries: Counter<'result'>;
  private readonly sourceErrors: Counter<'source'>;
  private readonly jobsRanLate: Counter<'strategy'>;
  private readonly backgroundErrors: Counter<'source'>;

  constructor(
    readonly app: string,
    options: NetpulseMetricsOptions = {},
  ) {
    this.sourceTimeoutMs = options.sourceTimeoutMs ?? 2000;
    if (!(this.sourceTimeoutMs > 0)) throw new Error('sourceTimeoutMs must be a number greater than 0');
    this.driverLabel = new LabelValueGuard({ known: options.drivers ?? CONTRACT_DRIVERS });
    this.registry.setDefaultLabels({ app });
    const processMetrics = options.processMetrics ?? true;
    if (processMetrics) collectDefaultMetrics({ register: this.registry, prefix: METRIC_PREFIX });

    const registers = [this.registry];
    const counter = <L extends string>(name: string, help: string, labelNames: L[] = []): Counter<L> =>
      new Counter<L>({ name: METRIC_PREFIX + name, help, labelNames, registers });
    const histogram = <L extends string>(name: string, help: string, labelNames: L[], buckets: number[]): Histogram<L> =>
      new Histogram<L>({ name: METRIC_PREFIX + name, help, labelNames, buckets, registers });

    if (processMetrics) {
      const lag = histogram('event_loop_lag_seconds', 'How late a timer due every 100 ms fired: event-loop lag of this process', [], LAG_BUCKETS);
      this.eventLoop = new EventLoopLagMonitor((seconds) => lag.observe(seconds)).start();
    }
    this.httpRequests = counter('http_requests_total', 'HTTP requests answered, by matched route pattern', ['method', 'route', 'status']);
    this.httpDuration = histogram('http_request_duration_seconds', 'HTTP request duration until the response was sent', ['method', 'route', 'status'], HTTP_BUCKETS);
    this.jobsEnqueued = counter('jobs_enqueued_total', 'Device jobs written to a queue', ['strategy', 'driver']);
    this.jobsCompleted = counter('jobs_completed_total', 'Device jobs that reached a terminal state (status="failed" counts failures)', ['strategy', 'driver', 'status']);
    this.queueWait = histogram('job_queue_wait_seconds', 'Time from enqueue to a worker starting the job', ['strategy'], WAIT_BUCKETS);
    this.execution = histogram('job_execution_seconds', 'Time a worker spent running a job', ['strategy', 'driver'], EXEC_BUCKETS);
    this.queueJobs = new Gauge({
      name: `${METRIC_PREFIX}queue_jobs`,
      help: 'Jobs per queue family and state, read from Redis at scrape time (HostQ sums every HostQ_<host>)',
      labelNames: ['queue', 'state'],
      registers,
      collect: () => (this.queueCollect = this.collectQueueDepths()),
    });
    this.sessionsOpen = new Gauge({ name: `${METRIC_PREFIX}ssh_sessions_open`, help: 'SSH sessions open in this process', registers });
    this.sessionsOpened = counter('ssh_sessions_opened_total', 'SSH sessions opened (new connections)', ['driver']);
    this.sessionsReused = counter('ssh_sessions_reused_total', 'Jobs that ran on an already open (pinned) session', ['driver']);
    this.sessionFailures = counter('ssh_session_failures_total', 'SSH connects that failed or sessions that died', ['driver', 'reason']);
    this.keepaliveProbes = counter('keepalive_probes_total', 'Keepalive probes on pinned sessions', ['result']);
    this.deviceProtection = counter('device_protection_events_total', 'Device breaker or lockout guard opened, or a connect it refused', ['guard', 'event']);
    this.selfHealing = counter('self_healing_total', 'Devices re-pinned after their node died or their pinned worker vanished');
    this.pinnedEvictions = counter('pinned_evictions_total', 'Idle pinned devices evicted (session closed, pin released) at a controller\'s request because every node was full');
    this.webhookDeliveries = counter('webhook_deliveries_total', 'Webhook delivery attempts by outcome', ['result']);
    this.jobsRanLate = counter('jobs_ran_late_total', 'Jobs declared WorkerDied whose stalled worker went on and delivered an outcome later (kept in the record as JobRanLate)', ['strategy']);
    this.backgroundErrors = counter(
      'background_errors_total',
      'Errors outside any request or job: unhandled rejections, failed control-loop passes, lost command channels, failed clean-ups',
      ['source'],
    );
    this.sourceErrors = new Counter({
      name: `${METRIC_PREFIX}metrics_source_errors_total`,
      help: 'Scrape-time callbacks that failed or timed out (their gauges are left empty)',
      labelNames: ['source'],
      registers,
      // Registered after the queue gauge, so a scrape reads this once that gauge's callback settled
      // and reports its failure in the same scrape, not the next one.
      collect: () => this.queueCollect,
    });
  }

  /** Prometheus text exposition of every metric. */
  metrics(): Promise<string> {
    return this.registry.metrics();
  }

  /** The Content-Type of `metrics()`. */
  get contentType(): string {
    return this.registry.contentType;
  }

  /** Driver names loaded at start (plugins included) so they always get their own label value. */
  allowDrivers(names: readonly string[]): void {
    this.driverLabel.allow(names);
  }

  /** One answered HTTP request. `route` is the matched pattern (`/jobs/:id`), never the raw URL. */
  observeHttpRequest(method: string, route: string, status: number, seconds: number): void {
    const m = method.toUpperCase();
    const labels = {
      method: isOneOf(HTTP_METHODS, m) ? m : 'OTHER',
      route: this.routeLabel.value(route),
      status: Number.isInteger(status) && status >= 100 && status <= 599 ? String(status) : 'other',
    };
    this.httpRequests.inc(labels);
    this.httpDuration.observe(labels, Math.max(0, seconds));
  }

  /** A job record and its queue entry were written (after the 201 is certain). */
  jobEnqueued(strategy: QueueStrategyLabel, driver: string): void {
    this.jobsEnqueued.inc({ strategy: this.strategy(strategy), driver: this.driverLabel.value(driver) });
  }

  /** A worker took a job; `queueWaitSeconds` = started_at − enqueued_at. */
  jobStarted(strategy: QueueStrategyLabel, queueWaitSeconds: number): void {
    this.queueWait.observe({ strategy: this.strategy(strategy) }, Math.max(0, queueWaitSeconds));
  }

  /**
   * A job reached a terminal state. `executionSeconds` (ended_at − started_at) is omitted for jobs that
   * never ran (expired in the queue, canceled while queued), so they do not skew the histogram.
   */
  jobCompleted(event: { driver: string; executionSeconds?: number; status: JobEndStatus; strategy: QueueStrategyLabel }): void {
    const strategy = this.strategy(event.strategy);
    const driver = this.driverLabel.value(event.driver);
    const status = isOneOf(JOB_END_STATUSES, event.status) ? event.status : 'failed';
    this.jobsCompleted.inc({ strategy, driver, status });
    if (event.executionSeconds !== undefined && Number.isFinite(event.executionSeconds)) {
      this.execution.observe({ strategy, driver }, Math.max(0, event.executionSeconds));
    }
  }

  /** Where `netpulse_queue_jobs` reads its values at scrape time (set once, by apps that see the queues). */
  setQueueDepthSource(source: QueueDepthSource | null): void {
    this.queueSource = source;
  }

  /**
   * Where `netpulse_node_capacity` / `netpulse_node_pinned` read their values. The two gauges exist
   * only once a source is set (node workers), since an unlabeled gauge would report a misleading 0
   * from the controller and FIFO workers.
   */
  setNodeSource(source: NodeCapacitySource | null): void {
    this.nodeSource = source;
    if (this.nodeGauges || !source) return;
    this.nodeGauges = true;
    const registers = [this.registry];
    const capacity: Gauge = new Gauge({
      name: `${METRIC_PREFIX}node_capacity`,
      help: 'Pinned workers this node may host (worker.pinned_per_node)',
      registers,
      collect: () => this.collectNode(capacity, 'capacity'),
    });
    const pinned: Gauge = new Gauge({
      name: `${METRIC_PREFIX}node_pinned`,
      help: 'Pinned workers (devices) this node hosts now',
      registers,
      collect: () => this.collectNode(pinned, 'pinned'),
    });
  }

  /**
   * A new SSH session is open. Returns the function to call when it closes; calling it twice is
   * harmless, so a close path that runs on both `end` and `close` cannot drive the gauge negative.
   */
  sessionOpened(driver: string): () => void {
    this.sessionsOpened.inc({ driver: this.driverLabel.value(driver) });
    this.sessionsOpen.inc();
    let open = true;
    return () => {
      if (!open) return;
      open = false;
      this.sessionsOpen.dec();
    };
  }

  /** A job ran on a session that was already open. */
  sessionReused(driver: string): void {
    this.sessionsReused.inc({ driver: this.driverLabel.value(driver) });
  }

  /** A connect failed or an open session died; see `sshFailureReason(err)` for the reason. */
  sessionFailed(driver: string, reason: SshFailureReason): void {
    this.sessionFailures.inc({ driver: this.driverLabel.value(driver), reason: isOneOf(SSH_FAILURE_REASONS, reason) ? reason : 'other' });
  }

  /** A device's circuit breaker or authentication lockout guard opened, or refused a connect. */
  deviceGuard(guard: DeviceGuardName, event: DeviceGuardEvent): void {
    if (isOneOf(DEVICE_GUARDS, guard) && isOneOf(DEVICE_GUARD_EVENTS, event)) this.deviceProtection.inc({ guard, event });
  }

  keepaliveProbe(result: KeepaliveResult): void {
    this.keepaliveProbes.inc({ result: isOneOf(KEEPALIVE_RESULTS, result) ? result : 'failed' });
  }

  /** The controller re-pinned a device (dead node released, orphan re-pinned). */
  selfHealingTriggered(count = 1): void {
    if (count > 0) this.selfHealing.inc(count);
  }

  /** This node evicted an idle pinned device at a controller's request (every node was full). */
  pinnedEvicted(count = 1): void {
    if (count > 0) this.pinnedEvictions.inc(count);
  }

  /** A job's outcome arrived after the job was declared WorkerDied (its worker had stalled). */
  jobRanLate(strategy: string): void {
    this.jobsRanLate.inc({ strategy: this.strategy(strategy) });
  }

  /** An error no request or job saw (it is logged with its context too). */
  backgroundError(source: BackgroundErrorSource): void {
    this.backgroundErrors.inc({ source: isOneOf(BACKGROUND_ERROR_SOURCES, source) ? source : 'other' });
  }

  webhookDelivery(result: WebhookResult): void {
    this.webhookDeliveries.inc({ result: isOneOf(WEBHOOK_RESULTS, result) ? result : 'failed' });
  }

  private strategy(s: string): QueueStrategyLabel {
    return isOneOf(QUEUE_STRATEGIES, s) ? s : 'fifo';
  }

  private async collectQueueDepths(): Promise<void> {
    // Reset first: a queue that emptied or a failed read must not keep reporting its last value.
    this.queueJobs.reset();
    const source = this.queueSource;
    if (!source) return;
    let timer: NodeJS.Timeout | undefined;
    try {
      const timeout = new Promise<never>((_, reject) => {
        timer = setTimeout(() => reject(new Error('queue depth source timed out')), this.sourceTimeoutMs);
      });
      const samples = await Promise.race([Promise.resolve().then(source), timeout]);
      for (const s of samples) {
        if (!isOneOf(QUEUE_FAMILIES, s.queue) || !isOneOf(QUEUE_STATES, s.state) || !(s.count >= 0)) continue;
        this.queueJobs.inc({ queue: s.queue, state: s.state }, s.count);
      }
    } catch {
      // A scrape must still answer when Redis is slow or down; the error counter tells the story.
      this.queueJobs.reset();
      this.sourceErrors.inc({ source: 'queue_depth' });
    } finally {
      clearTimeout(timer);
    }
  }

  private collectNode(gauge: Gauge, field: keyof NodeCapacitySample): void {
    try {
      const sample = this.nodeSource ? this.nodeSource() : null;
      gauge.set(sample && Number.isFinite(sample[field]) ? sample[field] : 0);
    } catch {
      gauge.set(0);
      this.sourceErrors.inc({ source: 'node' });
    }
  }
}
