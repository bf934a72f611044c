/**
 * Every Redis key NetPulse owns, in one place. All start with the namespace (`redis.namespace`), as
 * does the BullMQ prefix, so a test run and a running system never see each other's state.
 */
export class StateKeys {
  constructor(
    readonly namespace: string,
    private readonly overrides: { hostToNodeMap?: string | null; nodeInfoMap?: string | null } = {},
  ) {}

  /** Prefix handed to BullMQ for its own keys. */
  get bullPrefix(): string {
    return `${this.namespace}:bull`;
  }

  job(id: string): string {
    return `${this.namespace}:job:${id}`;
  }

  /** pub/sub channel: the id of every job that reaches a terminal state (for `?wait=`). */
  get jobEnded(): string {
    return `${this.namespace}:job_ended`;
  }

  /** pub/sub channel: the id of every job a worker starts (for `GET /jobs/{id}/events`). */
  get jobStarted(): string {
    return `${this.namespace}:job_started`;
  }

  /** zset job id → created ms, every job. */
  get jobs(): string {
    return `${this.namespace}:jobs`;
  }

  /** zset job id → created ms, the jobs of one queue (wire name). */
  queueJobs(queue: string): string {
    return `${this.namespace}:queue_jobs:${queue}`;
  }

  /** zset job id → queue deadline (epoch micros) of jobs still waiting. */
  get deadlines(): string {
    return `${this.namespace}:deadlines`;
  }

  /** set of job ids a worker is running now. */
  running(worker: string): string {
    return `${this.namespace}:running:${worker}`;
  }

  /** zset worker name → last heartbeat ms. */
  get workers(): string {
    return `${this.namespace}:workers`;
  }

  worker(name: string): string {
    return `${this.namespace}:worker:${name}`;
  }

  /** zset worker name → last heartbeat ms, the workers consuming one queue. */
  queueWorkers(queue: string): string {
    return `${this.namespace}:queue_workers:${queue}`;
  }

  /** string lease on a worker name, so two processes never register the same name. */
  workerName(name: string): string {
    return `${this.namespace}:worker_name:${name}`;
  }

  /** pub/sub channel of commands to one worker (shutdown, stop-job). */
  workerCommands(name: string): string {
    return `${this.namespace}:worker_cmd:${name}`;
  }

  get hostToNodeMap(): string {
    return this.overrides.hostToNodeMap ?? `${this.namespace}:host_to_node_map`;
  }

  get nodeInfoMap(): string {
    return this.overrides.nodeInfoMap ?? `${this.namespace}:node_info_map`;
  }

  /** The node's lease: exists while the node heartbeats. */
  nodeLease(node: string): string {
    return `${this.namespace}:node_lease:${node}`;
  }

  /** hash node → when its lease ends now (ms, Redis clock), kept while the node is known. */
  get nodeLeaseEnds(): string {
    return `${this.namespace}:node_lease_ends`;
  }

  /** hash host → ms (Redis clock) before which the host's new owner runs nothing: its previous owner's lease may still run. */
  get hostFences(): string {
    return `${this.namespace}:host_fences`;
  }

  /** string `<token> <job id>`: the last job a pinned worker took (a repeated take returns it again). */
  pinnedTake(worker: string): string {
    return `${this.namespace}:pinned_take:${worker}`;
  }

  /** list of job ids waiting for a pinned device (the `HostQ_<host>` queue). */
  hostJobs(host: string): string {
    return `${this.namespace}:hostq:${host}`;
  }

  /** list of control messages for a node (the `NodeQ_<node>` queue): `wake <host>`, `unpin <host>`. */
  nodeControl(node: string): string {
    return `${this.namespace}:nodeq:${node}`;
  }

  /** set of device hosts with jobs waiting. */
  get activeHosts(): string {
    return `${this.namespace}:active_hosts`;
  }

  /** hash host → pinned worker entry, the pinned workers a node hosts. */
  pinned(node: string): string {
    return `${this.namespace}:pinned:${node}`;
  }

  /** A client's `Idempotency-Key` for one route: the stored answer of the first request. */
  idempotency(route: string, key: string): string {
    return `${this.namespace}:idem:${route}:${key}`;
  }

  /** zset of FIFO jobs holding a session slot on a device (member job id, score lease end). */
  deviceSlots(target: string): string {
    return `${this.namespace}:devslots:${target}`;
  }

  /** hash {failures, open_until} of a device's connection circuit breaker. */
  deviceBreaker(target: string): string {
    return `${this.namespace}:breaker:${target}`;
  }

  /** counter of recent authentication failures of one username on one device. */
  authFailures(target: string, username: string): string {
    return `${this.namespace}:authfail:${target}:${username}`;
  }

  /** counter of failed API-key checks from one client address in the current minute. */
  /** string: a large job result being written in parts, moved into the job hash when the job ends. */
  jobResultPart(id: string): string {
    return `${this.namespace}:job_result_part:${id}`;
  }

  /** stream of audit entries (accepted jobs, cancellations, worker deletions, detached kills). */
  get audit(): string {
    return `${this.namespace}:audit`;
  }

  apiAuthFailures(client: string): string {
    return `${this.namespace}:apiauthfail:${client}`;
  }

  get selfHealingTriggers(): string {
    return `${this.namespace}:stats:self_healing_triggers`;
  }

  /** Lock held by the one controller whose sweepers act. */
  get sweeperLock(): string {
    return `${this.namespace}:sweeper:lock`;
  }

  /** hash `host:port` → remembered SSH host key fingerprint (docs/compatibility.md: SSH host keys remembered on first use). */
  get hostKeys(): string {
    return `${this.namespace}:host_keys`;
  }

  /** hash of one detached task's registry entry; fields hold JSON values. */
  detachedTask(taskId: string): string {
    return `${this.namespace}:detached_task:${taskId}`;
  }

  /** zset task id → created ms, every detached task in the registry. */
  get detachedTasks(): string {
    return `${this.namespace}:detached_tasks`;
  }

  /** Throttle of remote detached-task garbage collection, one per host, port and user (SET NX EX). */
  detachedGc(host: string, port: number, username: string): string {
    return `${this.namespace}:detached_gc:${host}:${port}:${username}`;
  }

  /** Lock held by the one controller whose detached-task supervisor acts. */
  get supervisorLock(): string {
    return `${this.namespace}:supervisor:lock`;
  }
}
