import { randomBytes } from 'node:crypto';
import { RedisCluster } from '../env/redis-cluster';
import { startTestEnv, toProcessEnv } from '../env/test-env';

export default async function globalSetup(): Promise<void> {
  const { env, sshdPid, frrPids, frrDir } = await startTestEnv();
  // A key for anything a test runs in-process (apps spawned by TestSystem get their own): nothing
  // falls back to a generated development key file.
  process.env.NETPULSE_SECURITY__SECRET_KEY ??= `jest-${randomBytes(16).toString('hex')}`;
  Object.assign(process.env, toProcessEnv(env), { NETPULSE_TEST_SSHD_PID: String(sshdPid), NETPULSE_TEST_FRR_PIDS: frrPids.join(','), NETPULSE_TEST_FRR_DIR: frrDir ?? '' });
  // `NETPULSE_TEST_REDIS=cluster`: every TestSystem of this run uses a private Redis Cluster (3 masters).
  if (process.env.NETPULSE_TEST_REDIS === 'cluster') {
    const cluster = await RedisCluster.start();
    (globalThis as { netpulseRedisCluster?: RedisCluster }).netpulseRedisCluster = cluster;
    process.env.NETPULSE_TEST_REDIS_CLUSTER = cluster.seeds.join(',');
  }
}
