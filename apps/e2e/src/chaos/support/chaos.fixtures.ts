import type { JobInResponse, WorkerInResponse } from '@netpulse/contracts';
import type { SimulatedDevice } from '@netpulse/device-sim';
import type { AppProcess } from '@netpulse/launcher';
import { StateKeys } from '@netpulse/state';
import { waitUntil as waitUntilHolds, type ApiClient, type TestSystem } from '@netpulse/testing';
import Redis from 'ioredis';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

/** Connection arguments of a simulated Cisco IOS device (credentials admin/admin). */
export function ciscoConn(d: SimulatedDevice, extra: Record<string, unknown> = {}): Record<string, unknown> {
  return { device_type: 'cisco_ios', host: d.host, port: d.port, username: 'admin', password: 'admin', ...extra };
}

/**
 * The command of the n-th chaos job: harmless, and unique through its `include` filter, so the
 * device's command history shows how many times each job really ran (a replay would show twice).
 */
export function taggedCommand(run: string, n: number): string {
  return `show clock | include ${run}-${n}`;
}

/** A query job for the FIFO workers. */
export function fifoJob(d: SimulatedDevice, command: string | string[], extra: Record<string, unknown> = {}): Record<string, unknown> {
  return { driver: 'netmiko', queue_strategy: 'fifo', connection_args: ciscoConn(d), command, ...extra };
}

/** A job for the device's pinned worker. */
export function pinnedJob(d: SimulatedDevice, command: string | string[], extra: Record<string, unknown> = {}): Record<string, unknown> {
  return { driver: 'netmiko', queue_strategy: 'pinned', connection_args: ciscoConn(d), command, ...extra };
}

/** How many times each tag of `tags` was run, over every device. */
export function runCounts(devices: readonly SimulatedDevice[], tags: readonly string[]): Map<string, number> {
  const counts = new Map<string, number>(tags.map((t) => [t, 0]));
  for (const d of devices) {
    for (const c of d.counters.commands) {
      const m = /\| include (\S+)$/.exec(c);
      if (m && counts.has(m[1])) counts.set(m[1], (counts.get(m[1]) ?? 0) + 1);
    }
  }
  return counts;
}

/** The harness's `waitUntil` in the argument order of the chaos suites, probing every 100 ms. */
export async function waitUntil(check: () => Promise<boolean> | boolean, timeoutMs: number, what: string): Promise<void> {
  await waitUntilHolds(what, check, { timeoutMs, intervalMs: 100 });
}

/** The registry name of the worker process `app` (FIFO workers: `<host>_FifoQ[-n]`), found by pid. */
export async function workerNameOf(api: ApiClient, app: AppProcess): Promise<string> {
  let name = '';
  await waitUntil(async () => {
    const res = await api.get<WorkerInResponse[]>('/workers');
    name = (Array.isArray(res.body) ? res.body : []).find((w) => w.pid === app.pid)?.name ?? '';
    return name !== '';
  }, 10_000, `worker with pid ${String(app.pid)} registered`);
  return name;
}

/** Jobs running now (status `started`), optionally only those of one worker (prefix match: a node's pinned workers). */
export async function runningJobs(api: ApiClient, workerPrefix?: string): Promise<JobInResponse[]> {
  const res = await api.get<JobInResponse[]>('/jobs?status=started');
  const jobs = Array.isArray(res.body) ? res.body : [];
  return workerPrefix === undefined ? jobs : jobs.filter((j) => (j.worker ?? '').startsWith(workerPrefix));
}

/** Whether the process still runs (a fault must not have taken it down). */
export function alive(app: AppProcess): boolean {
  return app.child !== null && app.child.exitCode === null && app.child.signalCode === null;
}

/** What one app wrote to its log so far. */
export function appLog(sys: TestSystem, app: AppProcess): string {
  try {
    return readFileSync(join(sys.logDir, `${app.opts.label}.log`), 'utf8');
  } catch {
    return '';
  }
}

/** Seconds between a job's start and end, from its record (null when it never started). */
export function runSeconds(job: JobInResponse): number | null {
  return job.duration;
}

/** Device session slots (FIFO per-device cap) still leased now, per device host: none may outlive its job. */
export async function leasedDeviceSlots(redis: { host: string; port: number }, namespace: string, hosts: readonly string[]): Promise<Record<string, number>> {
  const keys = new StateKeys(namespace);
  const r = new Redis({ host: redis.host, port: redis.port, lazyConnect: true, maxRetriesPerRequest: 1 });
  await r.connect();
  try {
    const out: Record<string, number> = {};
    for (const h of hosts) {
      const n = await r.zcount(keys.deviceSlots(h), Date.now(), '+inf');
      if (n > 0) out[h] = n;
    }
    return out;
  } finally {
    r.disconnect();
  }
}
