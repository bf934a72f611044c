import { randomUUID } from 'node:crypto';
import { internalQueueName, parsePinnedWorkerName } from './queues/queue.names';

/** Buckets of a cluster layout: each is one hash tag, so 256 slots spread over the masters. */
export const CLUSTER_BUCKETS = 256;
/** The hash tag of the control keys (pins, node capacity and leases, worker indexes). */
export const CONTROL_TAG = 'ctl';
/** The hash tag of the detached-task registry. */
export const DETACHED_TAG = 'detached';

export interface StateKeysOptions {
  /**
   * Lay the keys out for a Redis Cluster: hash tags put every key of one job, one device and one
   * queue in one slot, and jobs and devices are spread over `CLUSTER_BUCKETS` tags. Off (one server):
   * the same structure with one bucket and no tags, which keeps the names of NetPulse 0.4.
   */
  cluster?: boolean;
  /** `redis.key.host_to_node_map` (in a cluster it must carry the `{ctl}` tag). */
  hostToNodeMap?: string | null;
  /** `redis.key.node_info_map` (in a cluster it must carry the `{ctl}` tag). */
  nodeInfoMap?: string | null;
}

/** FNV-1a (32 bit) of a string: a stable spread of device hosts over buckets. */
function fnv1a(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h;
}

/**
 * Every Redis key NetPulse owns, in one place. All start with the namespace (`redis.namespace`), as
 * does the BullMQ prefix, so a test run and a running system never see each other's state.
 *
 * Slot layout (what must share a slot, because one Lua step or MULTI touches it together):
 * - a **bucket** `{bXX}` holds jobs and devices: a job's record, its result parts, and the bucket's
 *   indexes (deadlines, all jobs, jobs per queue, running sets, active hosts); a device's queue
 *   (`hostq`), pin copy, fence, session slots, breaker and auth counters. A job's bucket is encoded
 *   in its id (the last two hex digits); a pinned job gets the bucket of its device, so taking it from
 *   the device's queue and starting it is still one step.
 * - **control** `{ctl}`: which node serves which device and node capacity (counted atomically when a
 *   device is pinned), node leases, the worker indexes.
 * - **detached** `{detached}`: the detached-task registry (entry + index change together).
 * - each BullMQ queue is its own tag (`{FifoQ}`, `{WebhookQ}`), as BullMQ's scripts need.
 * Keys only ever used one at a time (a worker's entry, a node's control list, idempotency records,
 * locks) carry no tag and spread by their own name. On one server the same structure has one
 * bucket and no tags.
 */
export class StateKeys {
  /** Buckets jobs and devices are spread over (1 on one server). */
  readonly buckets: number;
  readonly cluster: boolean;
  private readonly overrides: { hostToNodeMap?: string | null; nodeInfoMap?: string | null };

  constructor(
    readonly namespace: string,
    options: StateKeysOptions = {},
  ) {
    this.cluster = options.cluster === true;
    this.buckets = this.cluster ? CLUSTER_BUCKETS : 1;
    this.overrides = { hostToNodeMap: options.hostToNodeMap, nodeInfoMap: options.nodeInfoMap };
    if (this.cluster) {
      for (const [name, v] of [['redis.key.host_to_node_map', options.hostToNodeMap], ['redis.key.node_info_map', options.nodeInfoMap]] as const) {
        if (v && !v.includes(`{${CONTROL_TAG}}`)) throw new Error(`${name} must contain the hash tag {${CONTROL_TAG}} when redis.cluster.enabled is true (it is used in one step with the other pinning keys); got ${JSON.stringify(v)}`);
      }
    }
  }

  private key(tag: string | null, rest: string): string {
    return tag !== null && this.cluster ? `${this.namespace}:{${tag}}:${rest}` : `${this.namespace}:${rest}`;
  }

  private bucketKey(bucket: number, rest: string): string {
    return this.key(`b${bucket.toString(16).padStart(2, '0')}`, rest);
  }

  private control(rest: string): string {
    return this.key(CONTROL_TAG, rest);
  }

  // ---- buckets ----

  /** Every bucket number (for sweeps and listings over all of them). */
  allBuckets(): number[] {
    return Array.from({ length: this.buckets }, (_, i) => i);
  }

  /** The bucket of a job: the last two hex digits of its id (ids that end otherwise hash by their text). */
  bucketOfJob(id: string): number {
    if (this.buckets === 1) return 0;
    const tail = id.slice(-2);
    return /^[0-9a-f]{2}$/i.test(tail) ? parseInt(tail, 16) % this.buckets : fnv1a(id) % this.buckets;
  }

  /** The bucket of a device host. */
  bucketOfHost(host: string): number {
    return this.buckets === 1 ? 0 : fnv1a(host) % this.buckets;
  }

  /**
   * A new job id (a uuid4 string): for a pinned job its last two hex digits name its device's
   * bucket, so the job lives in the same slot as the device's queue; otherwise random.
   */
  newJobId(host: string | null = null): string {
    const id = randomUUID();
    if (this.buckets === 1 || host === null) return id;
    return `${id.slice(0, -2)}${this.bucketOfHost(host).toString(16).padStart(2, '0')}`;
  }

  /** The buckets whose running sets may hold a worker's jobs: a pinned worker's device bucket, else all. */
  runningBuckets(worker: string): number[] {
    const pinned = parsePinnedWorkerName(worker);
    return pinned ? [this.bucketOfHost(pinned.host)] : this.allBuckets();
  }

  // ---- jobs (the job's bucket) ----

  job(id: string): string {
    return this.bucketKey(this.bucketOfJob(id), `job:${id}`);
  }

  /** The prefix of job keys in one bucket (a script appends the id). */
  jobPrefix(bucket: number): string {
    return this.bucketKey(bucket, 'job:');
  }

  /** string: a large job result being written in parts; renamed to `jobResult` when the job ends. */
  jobResultPart(id: string): string {
    return this.bucketKey(this.bucketOfJob(id), `job_result_part:${id}`);
  }

  /** string: the result of a job whose result is large (its record says `result_key`), expiring with the record. */
  jobResult(id: string): string {
    return this.bucketKey(this.bucketOfJob(id), `job_result:${id}`);
  }

  /** zset job id → created ms, the jobs of one bucket. */
  jobs(bucket: number): string {
    return this.bucketKey(bucket, 'jobs');
  }

  /** zset job id → created ms, the jobs of one queue (wire name) in one bucket. */
  queueJobs(bucket: number, queue: string): string {
    return this.bucketKey(bucket, `queue_jobs:${queue}`);
  }

  /** zset job id → queue deadline (epoch micros) of the bucket's jobs still waiting. */
  deadlines(bucket: number): string {
    return this.bucketKey(bucket, 'deadlines');
  }

  /** set of job ids (of one bucket) a worker is running now. */
  running(bucket: number, worker: string): string {
    return this.bucketKey(bucket, `running:${worker}`);
  }

  /** pub/sub channel: the id of every job that reaches a terminal state (for `?wait=`). */
  get jobEnded(): string {
    return `${this.namespace}:job_ended`;
  }

  /** pub/sub channel: the id of every job a worker starts (for `GET /jobs/{id}/events`). */
  get jobStarted(): string {
    return `${this.namespace}:job_started`;
  }

  // ---- devices (the device's bucket) ----

  /** list of job ids waiting for a pinned device (the `HostQ_<host>` queue). */
  hostJobs(host: string): string {
    return this.bucketKey(this.bucketOfHost(host), `hostq:${host}`);
  }

  /** set of device hosts (of one bucket) with jobs waiting. */
  activeHosts(bucket: number): string {
    return this.bucketKey(bucket, 'active_hosts');
  }

  /**
   * hash host → `<epoch> <node>` (node empty once released): the device's own copy of its pin, read
   * by the steps that queue and take its jobs. `host_to_node_map` stays the one that counts capacity.
   */
  devicePins(bucket: number): string {
    return this.bucketKey(bucket, 'device_pins');
  }

  /** hash host → ms (Redis clock) before which the device's new owner runs nothing: its previous owner's lease may still run. */
  deviceFences(bucket: number): string {
    return this.bucketKey(bucket, 'device_fences');
  }

  /** string `<token> <job id>`: the last job a pinned worker took (a repeated take returns it again). */
  pinnedTake(worker: string): string {
    const pinned = parsePinnedWorkerName(worker);
    return this.bucketKey(pinned ? this.bucketOfHost(pinned.host) : fnv1a(worker) % this.buckets, `pinned_take:${worker}`);
  }

  /** zset of FIFO jobs holding a session slot on a device (member job id, score lease end). */
  deviceSlots(target: string): string {
    return this.bucketKey(this.bucketOfHost(hostOfTarget(target)), `devslots:${target}`);
  }

  /** hash {failures, open_until} of a device's connection circuit breaker. */
  deviceBreaker(target: string): string {
    return this.bucketKey(this.bucketOfHost(hostOfTarget(target)), `breaker:${target}`);
  }

  /** counter of recent authentication failures of one username on one device. */
  authFailures(target: string, username: string): string {
    return this.bucketKey(this.bucketOfHost(hostOfTarget(target)), `authfail:${target}:${username}`);
  }

  // ---- control ----

  get hostToNodeMap(): string {
    return this.overrides.hostToNodeMap ?? this.control('host_to_node_map');
  }

  get nodeInfoMap(): string {
    return this.overrides.nodeInfoMap ?? this.control('node_info_map');
  }

  /** The node's lease: exists while the node heartbeats. */
  nodeLease(node: string): string {
    return this.control(`node_lease:${node}`);
  }

  /** hash node → when its lease ends now (ms, Redis clock), kept while the node is known. */
  get nodeLeaseEnds(): string {
    return this.control('node_lease_ends');
  }

  /** hash host → fence (ms) set when a host was taken over from a node whose lease may still run; copied to the device's fence on every claim. */
  get hostFences(): string {
    return this.control('host_fences');
  }

  /** counter: the epoch of the latest pin change, so a device's copy of its pin never goes back to an older one. */
  get pinEpoch(): string {
    return this.control('pin_epoch');
  }

  /** zset worker name → last heartbeat ms. */
  get workers(): string {
    return this.control('workers');
  }

  /** zset worker name → last heartbeat ms, the workers consuming one queue. */
  queueWorkers(queue: string): string {
    return this.control(`queue_workers:${queue}`);
  }

  // ---- one key at a time (no tag) ----

  worker(name: string): string {
    return this.key(null, `worker:${name}`);
  }

  /** string lease on a worker name, so two processes never register the same name. */
  workerName(name: string): string {
    return this.key(null, `worker_name:${name}`);
  }

  /** pub/sub channel of commands to one worker (shutdown, stop-job). */
  workerCommands(name: string): string {
    return `${this.namespace}:worker_cmd:${name}`;
  }

  /** list of control messages for a node (the `NodeQ_<node>` queue): `wake <host>`, `unpin <host>`, `evict <answers key> <host>`. */
  nodeControl(node: string): string {
    return this.key(null, `nodeq:${node}`);
  }

  /** hash host → pinned worker entry, the pinned workers a node hosts. */
  pinned(node: string): string {
    return this.key(null, `pinned:${node}`);
  }

  /** string, short-lived: a controller asked the device's node to evict its idle pin (two controllers never ask for the same one). */
  evicting(host: string): string {
    return this.key(null, `evicting:${host}`);
  }

  /** list, short-lived: the nodes' answers (`1` evicted, `0` kept) to one controller's eviction requests. */
  evictionAnswers(id: string): string {
    return this.key(null, `evict_ack:${id}`);
  }

  /** A client's `Idempotency-Key` for one route: the stored answer of the first request. */
  idempotency(route: string, key: string): string {
    return this.key(null, `idem:${route}:${key}`);
  }

  /** stream of audit entries (accepted jobs, cancellations, worker deletions, detached kills). */
  get audit(): string {
    return this.key(null, 'audit');
  }

  /** counter of failed API-key checks from one client address in the current minute. */
  apiAuthFailures(client: string): string {
    return this.key(null, `apiauthfail:${client}`);
  }

  get selfHealingTriggers(): string {
    return this.key(null, 'stats:self_healing_triggers');
  }

  /** Lock held by the one controller whose sweepers act. */
  get sweeperLock(): string {
    return this.key(null, 'sweeper:lock');
  }

  /** hash `host:port` → remembered SSH host key fingerprint (docs/compatibility.md: SSH host keys remembered on first use). */
  get hostKeys(): string {
    return this.key(null, 'host_keys');
  }

  /** Lock held by the one controller whose detached-task supervisor acts. */
  get supervisorLock(): string {
    return this.key(null, 'supervisor:lock');
  }

  // ---- detached tasks ----

  /** hash of one detached task's registry entry; fields hold JSON values. */
  detachedTask(taskId: string): string {
    return this.key(DETACHED_TAG, `detached_task:${taskId}`);
  }

  /** zset task id → created ms, every detached task in the registry. */
  get detachedTasks(): string {
    return this.key(DETACHED_TAG, 'detached_tasks');
  }

  /** Throttle of remote detached-task garbage collection, one per host, port and user (SET NX EX). */
  detachedGc(host: string, port: number, username: string): string {
    return this.key(null, `detached_gc:${host}:${port}:${username}`);
  }

  // ---- BullMQ ----

  /** Prefix handed to BullMQ for its own keys. */
  get bullPrefix(): string {
    return `${this.namespace}:bull`;
  }

  /** The BullMQ name of a wire queue name: in a cluster a hash tag of its own, so all of one queue's keys share a slot. */
  bullQueueName(queue: string): string {
    const name = internalQueueName(queue);
    return this.cluster ? `{${name}}` : name;
  }
}

/** The host of a `host:port` target (`[v6]:port` too). */
function hostOfTarget(target: string): string {
  const i = target.lastIndexOf(':');
  const host = i > 0 ? target.slice(0, i) : target;
  return host.startsWith('[') && host.endsWith(']') ? host.slice(1, -1) : host;
}
