import { Queue, Worker } from 'bullmq';
import { randomBytes } from 'node:crypto';
import { RedisStats } from '../measure/redis-stats';
import type { BenchContext } from './bench-context';
import { setTimeout as sleep } from 'node:timers/promises';

export interface BullmqConsumersResult {
  queues: number;
  connectionsPerWorker: number;
  idleRedisCpuPct: number;
  idleClientCpuPct: number;
}

/**
 * The alternative the pinned design rejects: one always-on BullMQ Worker per device queue. Counts the
 * Redis connections each Worker holds and the idle CPU they cost, to extrapolate to 5,000 devices.
 */
export async function bullmqConsumers(ctx: BenchContext, queues: number, idleSeconds = 10): Promise<BullmqConsumersResult> {
  const stats = new RedisStats(ctx.redisHost, ctx.redisPort);
  const prefix = `npbench-bull-${randomBytes(3).toString('hex')}`;
  const before = await stats.connections();
  const workers: Worker[] = [];
  ctx.progress(`opening ${queues} BullMQ Workers (one per device queue)`);
  for (let i = 0; i < queues; i++) {
    const w = new Worker(`HostQ_127.0.0.${i}`, async () => undefined, { connection: { host: ctx.redisHost, port: ctx.redisPort, maxRetriesPerRequest: null }, prefix });
    w.on('error', () => undefined);
    workers.push(w);
  }
  await Promise.all(workers.map((w) => w.waitUntilReady()));
  await sleep(1000);
  const after = await stats.connections();
  ctx.progress(`idle for ${idleSeconds}s`);
  const cpu0 = await stats.cpuSeconds();
  const self0 = process.cpuUsage();
  await sleep(idleSeconds * 1000);
  const idleRedisCpuPct = (((await stats.cpuSeconds()) - cpu0) / idleSeconds) * 100;
  const self = process.cpuUsage(self0);
  await Promise.all(workers.map((w) => w.close()));
  const q = new Queue('x', { connection: { host: ctx.redisHost, port: ctx.redisPort }, prefix });
  await q.close();
  stats.close();
  return { queues, connectionsPerWorker: (after - before) / queues, idleRedisCpuPct, idleClientCpuPct: ((self.user + self.system) / 1e6 / idleSeconds) * 100 };
}
